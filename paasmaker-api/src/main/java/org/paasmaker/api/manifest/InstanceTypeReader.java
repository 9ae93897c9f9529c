package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginRole;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one entry of {@code instances}: an instance type, with the original's defaults filled in. Like
 * every reader here, it returns what it could read and reports the rest; the manifest is built only
 * when nothing was reported.
 */
final class InstanceTypeReader {

    private static final String DEFAULT_PLACEMENT = "paasmaker.placement.default";
    private static final List<String> KEYS = List.of("name", "quantity", "runtime", "startup", "placement",
            "hostnames", "crons", "standalone", "exclusive");

    private final NodeReader reader;
    private final PluginReader plugins;
    private final CronReader crons;
    private final UniqueNames names = new UniqueNames();
    private final UniqueNames hostnames = new UniqueNames();

    InstanceTypeReader(NodeReader reader, PluginReader plugins) {
        this.reader = reader;
        this.plugins = plugins;
        this.crons = new CronReader(reader);
    }

    Optional<InstanceTypeSpec> read(Node node, String path) {
        return Section.read(node, path, KEYS, reader).flatMap(this::read);
    }

    private Optional<InstanceTypeSpec> read(Section type) {
        Optional<String> name = type.requiredText("name").filter(n -> validName(type, n));
        Optional<Integer> quantity = quantity(type);
        Optional<RuntimeSpec> runtime = type.require("runtime").flatMap(n -> plugins.runtime(n, type.path("runtime")));
        List<PluginSpec> startup = ListItems.readAll(type.list("startup"), type.path("startup"),
                (n, p) -> plugins.plugin(n, p, PluginRole.STARTUP));
        Optional<PluginSpec> placement = type.find("placement")
                .map(n -> plugins.plugin(n, type.path("placement"), PluginRole.PLACEMENT))
                .orElseGet(() -> plugins.byDefault(DEFAULT_PLACEMENT, PluginRole.PLACEMENT, type.path("placement"),
                        type.line()));
        List<String> routed = ListItems.readAll(type.list("hostnames"), type.path("hostnames"), this::hostname);
        List<CronSpec> cronSpecs = ListItems.readAll(type.list("crons"), type.path("crons"), crons::read);
        boolean standalone = type.bool("standalone", false);
        boolean exclusive = type.bool("exclusive", false);
        if (name.isEmpty() || quantity.isEmpty() || runtime.isEmpty() || placement.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InstanceTypeSpec(name.get(), quantity.get(), runtime.get(), startup, placement.get(),
                routed, cronSpecs, standalone, exclusive));
    }

    private boolean validName(Section type, String name) {
        String path = type.path("name");
        Optional<String> problem = DnsNames.labelProblem(name)
                .or(() -> names.claim(name, type.path()).map(first -> Describe.quote(name)
                        + " is already the name of " + first + "; instance type names must be unique"));
        problem.ifPresent(message -> reader.problems().add(path, message, type.lineOf("name")));
        return problem.isEmpty();
    }

    private Optional<Integer> quantity(Section type) {
        Optional<Long> quantity = type.integer("quantity");
        if (quantity.isEmpty()) {
            return type.find("quantity").isPresent() ? Optional.empty() : Optional.of(1);
        }
        long value = quantity.get();
        if (value < 0 || value > Integer.MAX_VALUE) {
            reader.problems().add(type.path("quantity"), "must be 0 or more, not " + value, type.lineOf("quantity"));
            return Optional.empty();
        }
        return Optional.of((int) value);
    }

    private Optional<String> hostname(Node node, String path) {
        Optional<String> text = reader.itemText(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String hostname = text.get().toLowerCase(Locale.ROOT);
        Optional<String> problem = DnsNames.hostnameProblem(text.get())
                .or(() -> hostnames.claim(hostname, path).map(first -> Describe.quote(hostname)
                        + " is already listed at " + first + "; a hostname routes to one instance type"));
        problem.ifPresent(message -> reader.problems().add(path, message, node));
        return problem.isEmpty() ? Optional.of(hostname) : Optional.empty();
    }
}
