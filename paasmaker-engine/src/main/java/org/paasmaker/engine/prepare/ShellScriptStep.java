package org.paasmaker.engine.prepare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.prepare.CommandStep;

/**
 * The original Paasmaker's shell step: the commands form one bash script, run after {@code set -xe}
 * and {@code set -o pipefail}, so a variable set by one command is seen by the next and the first
 * failing command ends the script. The script lives outside the working directory, so it is never
 * packed with the code.
 */
final class ShellScriptStep implements CommandStep {

    private static final int HEADER_LINES = 3;

    private final Path scratch;
    private final String what;

    /**
     * @param scratch where scripts are written
     * @param what "prepare" or "startup", for messages
     */
    ShellScriptStep(Path scratch, String what) {
        this.scratch = scratch;
        this.what = what;
    }

    @Override
    public void run(PluginParameters parameters, StepContext step) {
        List<String> commands = parameters.stringList("commands");
        Path script = null;
        Path failedCommand = null;
        try {
            script = Files.createTempFile(scratch, what + "-", ".sh");
            failedCommand = Files.createTempFile(scratch, what + "-", ".failed");
            Files.writeString(script, script(commands, failedCommand), StandardCharsets.UTF_8);
            int exit = step.run(List.of("bash", script.toString()));
            if (exit != 0) {
                String failedLine = Files.readString(failedCommand, StandardCharsets.UTF_8).strip();
                throw new PaasmakerException(ErrorCode.PREPARE_FAILED,
                        describeFailure(commands, failedLine) + " failed with exit code " + exit
                                + "; its output is in the job log");
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write the " + what + " script: " + e.getMessage(), e);
        } finally {
            deleteQuietly(script);
            deleteQuietly(failedCommand);
        }
    }

    private static String script(List<String> commands, Path failedLine) {
        StringBuilder text = new StringBuilder()
                .append("set -xe\n")
                .append("set -o pipefail\n")
                // Records the failing line, which names the command even inside a pipeline (where
                // $BASH_COMMAND would name only the pipeline's last part); the trap itself is not traced.
                .append("trap '{ echo $LINENO > ").append(quote(failedLine.toString()))
                .append("; } 2>/dev/null' ERR\n");
        commands.forEach(command -> text.append(command).append('\n'));
        return text.toString();
    }

    /** "the prepare command 2 ('make all')", from the script line the trap recorded. */
    private String describeFailure(List<String> commands, String failedLine) {
        if (!failedLine.matches("\\d+")) {
            return "the " + what + " commands";
        }
        int line = Integer.parseInt(failedLine);
        int start = HEADER_LINES + 1;
        for (int i = 0; i < commands.size(); i++) {
            int end = start + (int) Math.max(1, commands.get(i).lines().count());
            if (line >= start && line < end) {
                return "the " + what + " command " + (i + 1) + " ('" + commands.get(i).strip() + "')";
            }
            start = end;
        }
        return "the " + what + " commands";
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover script in the plugin's scratch directory harms nothing.
            }
        }
    }
}
