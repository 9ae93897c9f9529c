package org.paasmaker.engine.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.engine.internal.ProcessTree;
import org.paasmaker.engine.internal.StepCommands;

/** A step's view of its job: the log file, and processes that end when the job is aborted. */
final class JobStepContext implements StepContext {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /**
     * How long the output may take to end once the command has: a pipe holds 64 KiB, read in a moment;
     * longer only when a process the command left in the background holds it open.
     */
    private static final Duration OUTPUT_END = Duration.ofSeconds(5);

    private final JobManager jobs;
    private final Job step;
    private final Path workingDirectory;
    private final Map<String, String> environment;

    JobStepContext(JobManager jobs, Job step, Path workingDirectory, Map<String, String> environment) {
        this.jobs = jobs;
        this.step = step;
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
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
    public StepContext with(Path otherDirectory, Map<String, String> otherEnvironment) {
        return new JobStepContext(jobs, step, otherDirectory, otherEnvironment);
    }

    @Override
    public void log(String line) {
        jobs.appendLog(step, line);
    }

    @Override
    public int run(List<String> command) {
        checkAborted();
        Process process = StepCommands.start(command, workingDirectory, environment, ErrorCode.PREPARE_FAILED);
        CommandOutput output = CommandOutput.start(process, jobs, step);
        AbortRegistration registration = jobs.onAbort(step, () -> ProcessTree.terminate(process.toHandle(), STOP_GRACE));
        try {
            int exit = process.waitFor();
            // Before the step can finish: its followers read its whole output before its end.
            if (!output.awaitEnd(OUTPUT_END)) {
                jobs.appendLog(step, "The command has ended, but a process it left running still holds its output;"
                        + " what that process writes goes on into this log.");
            }
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.terminate(process.toHandle(), STOP_GRACE);
            throw jobs.abortedError(step);
        } finally {
            registration.close();
            checkAborted();
        }
    }

    @Override
    public void checkAborted() {
        if (jobs.isAborted(step)) {
            throw jobs.abortedError(step);
        }
    }

    /** Undoes an {@link JobManager#onAbort} registration. */
    interface AbortRegistration extends AutoCloseable {
        @Override
        void close();
    }
}
