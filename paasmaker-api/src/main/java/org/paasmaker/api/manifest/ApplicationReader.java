package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginRole;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the manifest's {@code application}: its name, its tags (kept, unlike the original), its prepare
 * phase and its release step, which has the prepare phase's shape; and, new, {@code redirect_https}:
 * the hostnames whose plain HTTP is redirected to HTTPS, each one of an instance type's
 * {@code hostnames} or its generated name {@code <type>.<application>.<workspace stub>.<cluster>}
 * (checked by its first two labels, as the rest depends on where it is deployed).
 */
final class ApplicationReader {

    private static final List<String> KEYS = List.of("name", "tags", "prepare", "release", "redirect_https");
    /** The keys of {@code prepare} and of {@code release}. */
    private static final List<String> COMMANDS_KEYS = List.of("runtime", "commands");

    private final NodeReader reader;
    private final PlainValues plain;
    private final PluginReader plugins;

    ApplicationReader(NodeReader reader, PlainValues plain, PluginReader plugins) {
        this.reader = reader;
        this.plain = plain;
        this.plugins = plugins;
    }

    /** @param types the manifest's instance types, which {@code redirect_https} names hostnames of */
    Optional<ApplicationSpec> read(Node node, String path, List<InstanceTypeSpec> types) {
        return Section.read(node, path, KEYS, reader).flatMap(application -> {
            Optional<String> name = application.requiredText("name").filter(n -> validName(application, n));
            PluginParameters tags = PluginParameters.of(application.find("tags")
                    .map(n -> plain.map(n, application.path("tags"))).orElse(Map.of()));
            Optional<Section> prepare = commandsSection(application, "prepare");
            Optional<Section> release = commandsSection(application, "release");
            Optional<RuntimeSpec> prepareRuntime = runtime(prepare);
            List<PluginSpec> prepareCommands = commands(prepare);
            Optional<RuntimeSpec> releaseRuntime = runtime(release);
            List<PluginSpec> releaseCommands = commands(release);
            List<String> redirects = ListItems.readAll(application.list("redirect_https"),
                    application.path("redirect_https"), (n, p) -> redirect(n, p, name, types));
            return name.map(n -> new ApplicationSpec(n, tags, prepareRuntime, prepareCommands, releaseRuntime,
                    releaseCommands, redirects));
        });
    }

    private Optional<Section> commandsSection(Section application, String key) {
        return application.find(key).flatMap(n -> Section.read(n, application.path(key), COMMANDS_KEYS, reader));
    }

    private Optional<RuntimeSpec> runtime(Optional<Section> section) {
        return section.flatMap(s -> s.find("runtime").flatMap(n -> plugins.prepareRuntime(n, s.path("runtime"))));
    }

    // Release commands are prepare commands run elsewhere: the same plugins, so the same role.
    private List<PluginSpec> commands(Optional<Section> section) {
        return section.map(s -> ListItems.readAll(s.list("commands"), s.path("commands"),
                (n, itemPath) -> plugins.plugin(n, itemPath, PluginRole.PREPARE))).orElse(List.of());
    }

    private Optional<String> redirect(Node node, String path, Optional<String> application,
            List<InstanceTypeSpec> types) {
        Optional<String> text = reader.itemText(node, path);
        if (text.isEmpty() || application.isEmpty()) {
            return Optional.empty();
        }
        String hostname = text.get().toLowerCase(Locale.ROOT);
        boolean listed = types.stream().anyMatch(type -> type.hostnames().contains(hostname)
                || hostname.startsWith(type.name() + "." + application.get() + "."));
        if (!listed) {
            List<String> known = types.stream().flatMap(type -> type.hostnames().stream()).toList();
            List<String> generated = types.stream().map(type -> type.name() + "." + application.get()
                    + ".<workspace stub>.<cluster hostname>").toList();
            reader.problems().add(path, Describe.quote(hostname) + " is none of the application's hostnames; name one"
                    + " of its instance types' hostnames" + (known.isEmpty() ? "" : " (" + String.join(", ", known) + ")")
                    + " or a generated one (" + String.join(", ", generated) + ")", node);
            return Optional.empty();
        }
        return Optional.of(hostname);
    }

    private boolean validName(Section application, String name) {
        Optional<String> problem = Identifiers.identifierProblem(name);
        problem.ifPresent(message -> reader.problems().add(application.path("name"), message,
                application.lineOf("name")));
        return problem.isEmpty();
    }
}
