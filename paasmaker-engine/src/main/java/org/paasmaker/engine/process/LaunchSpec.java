package org.paasmaker.engine.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to start detached: the command (its first word is looked up on the environment's
 * {@code PATH}), where, with exactly which environment, and the file its stdout and stderr are
 * appended to, or the named pipe they are written to (see {@link DetachedLauncher}).
 */
public record LaunchSpec(List<String> command, Path workingDirectory, Map<String, String> environment, Path logFile) {

    /** What a POSIX shell can pass on; it silently drops any other name, see {@link DetachedLauncher}. */
    private static final Pattern PORTABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Whether a variable of this name can reach a detached process: letters, digits and '_', no leading digit. */
    public static boolean isPortable(String name) {
        return PORTABLE_NAME.matcher(name).matches();
    }

    public LaunchSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command to launch has at least one word");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(logFile, "logFile");
        environment = Map.copyOf(environment);
        for (String name : environment.keySet()) {
            if (!isPortable(name)) {
                throw new IllegalArgumentException("the environment variable '" + name + "' of '"
                        + String.join(" ", command) + "' cannot be passed on: a detached process gets only names"
                        + " made of letters, digits and '_' (not starting with a digit); rename or remove it");
            }
        }
    }
}
