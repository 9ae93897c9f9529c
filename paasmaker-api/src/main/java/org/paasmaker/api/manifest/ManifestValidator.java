package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginCatalog;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Validates one composed manifest against format 1 and a plugin catalog, and builds the
 * {@link Manifest} if nothing is wrong. One instance reads one document.
 */
final class ManifestValidator {

    private static final int FORMAT = 1;
    private static final List<String> ROOT_KEYS = List.of("manifest", "application", "instances", "services");
    private static final List<String> MANIFEST_KEYS = List.of("format");

    private final Problems problems;
    private final NodeReader reader;
    private final ApplicationReader applications;
    private final InstanceTypeReader instanceTypes;
    private final ServiceReader services;

    ManifestValidator(PluginCatalog catalog, String source) {
        this.problems = new Problems(source);
        this.reader = new NodeReader(problems, new NodeBudget(source));
        PlainValues plain = new PlainValues(reader);
        PluginReader plugins = new PluginReader(catalog, reader, new ParameterReader(reader, plain));
        this.applications = new ApplicationReader(reader, plain, plugins);
        this.instanceTypes = new InstanceTypeReader(reader, plugins);
        this.services = new ServiceReader(reader, plugins);
    }

    /**
     * @param root the document's root node; empty for an empty document
     * @param text the manifest as written, kept in the result
     * @throws org.paasmaker.api.error.InvalidManifestException with every error found
     */
    Manifest validate(Optional<Node> root, String text) {
        if (root.isEmpty()) {
            problems.add("", "the manifest is empty; it needs the keys " + String.join(", ", ROOT_KEYS), 0);
            throw problems.failure();
        }
        YamlShapeCheck.check(root.get(), problems);
        if (!(root.get() instanceof MappingNode mapping)) {
            problems.add("", "the manifest must be a map with the keys " + String.join(", ", ROOT_KEYS)
                    + ", not " + Describe.node(root.get()), root.get());
            throw problems.failure();
        }
        Section top = Section.of(mapping, "", ROOT_KEYS, reader);
        Optional<Integer> format = top.require("manifest")
                .flatMap(node -> Section.read(node, "manifest", MANIFEST_KEYS, reader))
                .flatMap(this::format);
        List<InstanceTypeSpec> types = ListItems.readAll(
                top.require("instances").map(node -> reader.list(node, "instances")).orElse(List.of()),
                "instances", instanceTypes::read);
        Optional<ApplicationSpec> application = top.require("application")
                .flatMap(node -> applications.read(node, "application", types));
        List<ServiceSpec> serviceSpecs = ListItems.readAll(top.list("services"), "services", services::read);
        if (!problems.isEmpty() || format.isEmpty() || application.isEmpty()) {
            throw problems.failure();
        }
        return new Manifest(format.get(), application.get(), types, serviceSpecs, text);
    }

    private Optional<Integer> format(Section manifest) {
        Optional<Long> format = manifest.require("format").flatMap(node -> reader.integer(node, "manifest.format"));
        if (format.isPresent() && format.get() != FORMAT) {
            problems.add("manifest.format", "only format " + FORMAT + " is supported, not " + format.get(),
                    manifest.lineOf("format"));
            return Optional.empty();
        }
        return format.map(Long::intValue);
    }
}
