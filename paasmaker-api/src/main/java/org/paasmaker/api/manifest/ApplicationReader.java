package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginRole;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the manifest's {@code application}: its name, its tags (kept, unlike the original) and its prepare phase. */
final class ApplicationReader {

    private static final List<String> KEYS = List.of("name", "tags", "prepare");
    private static final List<String> PREPARE_KEYS = List.of("runtime", "commands");

    private final NodeReader reader;
    private final PlainValues plain;
    private final PluginReader plugins;

    ApplicationReader(NodeReader reader, PlainValues plain, PluginReader plugins) {
        this.reader = reader;
        this.plain = plain;
        this.plugins = plugins;
    }

    Optional<ApplicationSpec> read(Node node, String path) {
        return Section.read(node, path, KEYS, reader).flatMap(application -> {
            Optional<String> name = application.requiredText("name").filter(n -> validName(application, n));
            PluginParameters tags = PluginParameters.of(application.find("tags")
                    .map(n -> plain.map(n, application.path("tags"))).orElse(Map.of()));
            Optional<Section> prepare = application.find("prepare")
                    .flatMap(n -> Section.read(n, application.path("prepare"), PREPARE_KEYS, reader));
            Optional<RuntimeSpec> runtime = prepare.flatMap(p -> p.find("runtime")
                    .flatMap(n -> plugins.prepareRuntime(n, p.path("runtime"))));
            List<PluginSpec> commands = prepare.map(p -> ListItems.readAll(p.list("commands"), p.path("commands"),
                    (n, itemPath) -> plugins.plugin(n, itemPath, PluginRole.PREPARE))).orElse(List.of());
            return name.map(n -> new ApplicationSpec(n, tags, runtime, commands));
        });
    }

    private boolean validName(Section application, String name) {
        Optional<String> problem = Identifiers.identifierProblem(name);
        problem.ifPresent(message -> reader.problems().add(application.path("name"), message,
                application.lineOf("name")));
        return problem.isEmpty();
    }
}
