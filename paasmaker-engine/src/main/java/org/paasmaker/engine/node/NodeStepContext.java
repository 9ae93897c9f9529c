package org.paasmaker.engine.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.engine.internal.ProcessTree;
import org.paasmaker.engine.internal.StepCommands;

/**
 * An instance's startup commands as the node runs them: its processes start on the node, in the
 * instance's directory with its environment, and only their output lines and the question whether
 * the job was aborted go to the controller's step. So a node on another machine runs them the same way.
 */
final class NodeStepContext implements StepContext {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How often a running command asks whether its job was aborted. */
    private static final long ABORT_POLL_MILLIS = 200;
    /** How long the output may take to end once the command has (a process left in the background holds it). */
    private static final long OUTPUT_END_MILLIS = 5000;

    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final StepContext controller;

    NodeStepContext(Path workingDirectory, Map<String, String> environment, StepContext controller) {
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
        this.controller = controller;
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void log(String line) {
        controller.log(line);
    }

    @Override
    public int run(List<String> command) {
        controller.checkAborted();
        Process process = StepCommands.start(command, workingDirectory, environment, ErrorCode.START_FAILED);
        Thread output = new Thread(() -> copyOutput(process), "paasmaker-node-startup-output");
        output.setDaemon(true);
        output.start();
        try {
            while (!process.waitFor(ABORT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                controller.checkAborted();
            }
            output.join(OUTPUT_END_MILLIS);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.terminate(process.toHandle(), STOP_GRACE);
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted while '" + String.join(" ", command)
                    + "' ran", e);
        } catch (RuntimeException e) {
            ProcessTree.terminate(process.toHandle(), STOP_GRACE);
            throw e;
        }
    }

    /** Each line of the command's output (and errors) into the controller's step log, as it comes. */
    private void copyOutput(Process process) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                controller.log(line);
            }
        } catch (IOException e) {
            // The pipe broke: the process is gone, and so is whatever it had still to say.
        }
    }

    @Override
    public StepContext with(Path otherDirectory, Map<String, String> otherEnvironment) {
        return new NodeStepContext(otherDirectory, otherEnvironment, controller);
    }

    @Override
    public void checkAborted() {
        controller.checkAborted();
    }
}
