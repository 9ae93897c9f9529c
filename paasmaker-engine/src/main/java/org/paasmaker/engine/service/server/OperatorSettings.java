package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The operator's own settings for a managed server: a file beside the server's directory
 * ({@code $PAASMAKER_HOME/services/postgres.conf} for {@code services/postgres}) in the server's own
 * syntax, appended after the platform's small-machine settings each time the configuration is written,
 * so that the operator's value of a setting wins and a server made by an earlier release gets it at its
 * next start. The settings the platform reaches the server by (its address, port, socket, data
 * directory, password, includes) are refused, naming the file and line: the platform would lose its
 * server, or a check would be bypassed.
 */
public final class OperatorSettings {

    /** How a server's configuration names a setting on a line. */
    public enum Syntax {
        /** postgresql.conf: {@code name = value} or {@code name value}; names are case-insensitive. */
        POSTGRES,
        /**
         * my.cnf, under the platform's {@code [mariadbd]}: {@code name = value} or {@code name}, {@code -}
         * and {@code _} alike, {@code loose-}, {@code skip-}, {@code enable-}, {@code disable-} and
         * {@code maximum-} prefixes; a section or {@code !include} line, which would leave that section,
         * is refused.
         */
        MARIADB,
        /** redis.conf: {@code name value...}. */
        REDIS;

        String name(String line) {
            String first = line.split("[\\s=]", 2)[0].toLowerCase(Locale.ROOT);
            if (this != MARIADB) {
                return first;
            }
            String name = first.replace('-', '_');
            boolean stripped = true;
            while (stripped) {
                stripped = false;
                for (String prefix : List.of("loose_", "skip_", "enable_", "disable_", "maximum_")) {
                    if (name.startsWith(prefix)) {
                        name = name.substring(prefix.length());
                        stripped = true;
                    }
                }
            }
            return name;
        }
    }

    private OperatorSettings() {
    }

    /** The operator's file for the server whose directory is {@code directory}. */
    public static Path file(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".conf");
    }

    /**
     * The lines to append after the platform's settings: none when there is no file; the file's lines,
     * under a comment naming it, otherwise.
     */
    public static String appended(Path directory, ServerKind kind, Syntax syntax, Set<String> pinned) {
        Path file = file(directory);
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot read the operator's settings for the managed "
                    + kind.label() + " server, " + file + ": " + e.getMessage(), e);
        }
        StringBuilder text = new StringBuilder("# The operator's settings, from " + file
                + ", after the platform's so that they win\n");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (syntax == Syntax.MARIADB && (line.startsWith("[") || line.startsWith("!"))) {
                throw new PaasmakerException(ErrorCode.START_FAILED, file + ", line " + (i + 1) + ", is '" + line
                        + "'; the file's lines go under the platform's [mariadbd] section, and may not begin another"
                        + " or include a file; remove that line");
            }
            String name = syntax.name(line);
            if (pinned.contains(name)) {
                throw new PaasmakerException(ErrorCode.START_FAILED, file + ", line " + (i + 1) + ", sets '"
                        + line.split("[\\s=]", 2)[0] + "', which the platform sets itself for the managed "
                        + kind.label() + " server (" + String.join(", ", pinned.stream().sorted().toList())
                        + " are the platform's); remove that line");
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
