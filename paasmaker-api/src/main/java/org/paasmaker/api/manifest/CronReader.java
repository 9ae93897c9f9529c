package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.cron.CronExpression;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one entry of an instance type's {@code crons}: when to call which URI, with which basic-auth pair. */
final class CronReader {

    private static final List<String> KEYS = List.of("runspec", "uri", "username", "password");

    private final NodeReader reader;

    CronReader(NodeReader reader) {
        this.reader = reader;
    }

    Optional<CronSpec> read(Node node, String path) {
        return Section.read(node, path, KEYS, reader).flatMap(section -> {
            Optional<CronExpression> runspec = section.requiredText("runspec").flatMap(text -> runspec(section, text));
            Optional<String> uri = section.requiredText("uri").filter(text -> uriIsPath(section, text));
            Optional<String> username = section.text("username");
            Optional<String> password = section.text("password");
            return runspec.flatMap(r -> uri.map(u -> new CronSpec(r, u, username, password)));
        });
    }

    private Optional<CronExpression> runspec(Section section, String text) {
        try {
            return Optional.of(CronExpression.parse(text));
        } catch (IllegalArgumentException e) {
            reader.problems().add(section.path("runspec"),
                    Describe.quote(text) + " is not a cron expression: " + e.getMessage(), section.lineOf("runspec"));
            return Optional.empty();
        }
    }

    // The cron calls http://<node>:<port><uri>, so anything but a path makes a broken URL.
    private boolean uriIsPath(Section section, String uri) {
        if (uri.startsWith("/")) {
            return true;
        }
        reader.problems().add(section.path("uri"), Describe.quote(uri)
                + " must be a path on the instance, starting with '/', such as '/cron/cleanup'", section.lineOf("uri"));
        return false;
    }
}
