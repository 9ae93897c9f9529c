package org.paasmaker.engine.internal;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Starts a step's command as prepare and startup commands run: in the step's directory, with exactly
 * the step's environment, no input, and its errors in its output.
 */
public final class StepCommands {

    private StepCommands() {
    }

    /** @param failure the code of the error when the command cannot start at all */
    public static Process start(List<String> command, Path directory, Map<String, String> environment,
            ErrorCode failure) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new PaasmakerException(failure, "could not start '" + String.join(" ", command) + "': "
                    + e.getMessage(), e);
        }
    }
}
