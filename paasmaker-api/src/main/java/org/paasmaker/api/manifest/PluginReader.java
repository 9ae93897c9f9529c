package org.paasmaker.api.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.paasmaker.api.plugin.PluginCatalog;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginRole;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the plugins a manifest names, {@code {plugin, parameters, name}} and for runtimes
 * {@code {plugin, version, parameters}}, and checks each against the catalog for the role its place
 * in the manifest gives it. Runtime versions are not checked: which ones exist depends on the node.
 */
final class PluginReader {

    private static final List<String> PLUGIN_KEYS = List.of("plugin", "parameters", "name");
    private static final List<String> RUNTIME_KEYS = List.of("plugin", "version", "parameters");

    private final PluginCatalog catalog;
    private final NodeReader reader;
    private final ParameterReader parameters;

    PluginReader(PluginCatalog catalog, NodeReader reader, ParameterReader parameters) {
        this.catalog = catalog;
        this.reader = reader;
        this.parameters = parameters;
    }

    Optional<PluginSpec> plugin(Node node, String path, PluginRole role) {
        return Section.read(node, path, PLUGIN_KEYS, reader).flatMap(section -> {
            Optional<String> label = section.text("name").filter(name -> valid(
                    Identifiers.identifierProblem(name), section.path("name"), section.lineOf("name")));
            return plugin(section, role).map(spec -> new PluginSpec(spec.plugin(), spec.parameters(), label));
        });
    }

    /** The {@code plugin} and {@code parameters} of a section that may have other keys (a service). */
    Optional<PluginSpec> plugin(Section section, PluginRole role) {
        return plugin(section, role, true);
    }

    /** An instance type's runtime, which launches its instances. */
    Optional<RuntimeSpec> runtime(Node node, String path) {
        return runtime(node, path, true);
    }

    /**
     * The runtime whose tools the prepare commands get. It launches nothing, so parameters such as
     * {@code launch_command} are not required there; the original's documented manifests give none.
     */
    Optional<RuntimeSpec> prepareRuntime(Node node, String path) {
        return runtime(node, path, false);
    }

    private Optional<PluginSpec> plugin(Section section, PluginRole role, boolean requireAll) {
        return descriptor(section, role).map(plugin -> PluginSpec.of(plugin.name(), parameters.read(plugin,
                section.find("parameters"), section.path("parameters"), section.line(), requireAll)));
    }

    private Optional<RuntimeSpec> runtime(Node node, String path, boolean requireAll) {
        return Section.read(node, path, RUNTIME_KEYS, reader).flatMap(section -> {
            Optional<PluginSpec> plugin = plugin(section, PluginRole.RUNTIME, requireAll);
            Optional<String> version = section.requiredText("version");
            return plugin.flatMap(p -> version.map(v -> new RuntimeSpec(p.plugin(), v, p.parameters())));
        });
    }

    /** The plugin a manifest gets when it names none for a place, such as the default placement. */
    Optional<PluginSpec> byDefault(String name, PluginRole role, String path, int line) {
        Optional<PluginDescriptor> descriptor = catalog.find(role, name);
        if (descriptor.isEmpty()) {
            reader.problems().add(path, "is required: " + catalog.notOfferedMessage(role, name), line);
        }
        return descriptor.map(plugin ->
                PluginSpec.of(name, parameters.read(plugin, Optional.empty(), path + ".parameters", line, true)));
    }

    private Optional<PluginDescriptor> descriptor(Section section, PluginRole role) {
        String path = section.path("plugin");
        int line = section.lineOf("plugin");
        return section.requiredText("plugin")
                .filter(name -> valid(Identifiers.pluginNameProblem(name), path, line))
                .flatMap(name -> {
                    Optional<PluginDescriptor> plugin = catalog.find(role, name);
                    if (plugin.isEmpty()) {
                        reader.problems().add(path, notOffered(role, name), line);
                    }
                    return plugin;
                });
    }

    /** The catalog's message, or for a plugin of another role, which role it has and which plugins fit here. */
    private String notOffered(PluginRole role, String name) {
        return Arrays.stream(PluginRole.values())
                .filter(other -> other != role && catalog.find(other, name).isPresent())
                .findFirst()
                .map(other -> Describe.quote(name) + " is a " + other.label() + ", not a " + role.label()
                        + "; the " + role.label() + "s offered are " + catalog.plugins(role).stream()
                                .map(PluginDescriptor::name).collect(Collectors.joining(", ")))
                .orElseGet(() -> catalog.notOfferedMessage(role, name));
    }

    private boolean valid(Optional<String> problem, String path, int line) {
        problem.ifPresent(message -> reader.problems().add(path, message, line));
        return problem.isEmpty();
    }
}
