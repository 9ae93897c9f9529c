package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginRole;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one entry of {@code services}: the application's own name for it, and the plugin that provides it. */
final class ServiceReader {

    private static final List<String> KEYS = List.of("name", "plugin", "parameters");

    private final NodeReader reader;
    private final PluginReader plugins;
    private final UniqueNames names = new UniqueNames();

    ServiceReader(NodeReader reader, PluginReader plugins) {
        this.reader = reader;
        this.plugins = plugins;
    }

    Optional<ServiceSpec> read(Node node, String path) {
        return Section.read(node, path, KEYS, reader).flatMap(service -> {
            Optional<String> name = service.requiredText("name").filter(n -> validName(service, n));
            Optional<PluginSpec> plugin = plugins.plugin(service, PluginRole.SERVICE);
            return name.flatMap(n -> plugin.map(p -> new ServiceSpec(n, p.plugin(), p.parameters())));
        });
    }

    private boolean validName(Section service, String name) {
        Optional<String> problem = Identifiers.identifierProblem(name)
                .or(() -> names.claim(name, service.path()).map(first -> Describe.quote(name)
                        + " is already the name of " + first + "; service names must be unique"));
        problem.ifPresent(message -> reader.problems().add(service.path("name"), message, service.lineOf("name")));
        return problem.isEmpty();
    }
}
