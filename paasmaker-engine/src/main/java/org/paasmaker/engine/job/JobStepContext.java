package org.paasmaker.engine.job;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.engine.internal.ProcessTree;

/** A step's view of its job: the log file, and processes that end when the job is aborted. */
final class JobStepContext implements StepContext {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /**
     * How often the log's size is looked at while a command writes to it: often enough that a follower
     * sees a line well within a tenth of a second, and a stat costs microseconds.
     */
    private static final long LOOK_AT_LOG_MILLIS = 50;

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
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                // Straight to the log file, never through a pipe: the log is readable while the
                // command runs, and no thread of ours has to drain it.
                .redirectOutput(Redirect.appendTo(step.logFile().toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.PREPARE_FAILED,
                    "could not start '" + String.join(" ", command) + "': " + e.getMessage(), e);
        }
        AbortRegistration registration = jobs.onAbort(step, () -> ProcessTree.terminate(process.toHandle(), STOP_GRACE));
        try {
            // The command writes to the file itself, unseen: its output is found by looking while waiting.
            while (!process.waitFor(LOOK_AT_LOG_MILLIS, TimeUnit.MILLISECONDS)) {
                jobs.lookAtLog(step);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.terminate(process.toHandle(), STOP_GRACE);
            throw jobs.abortedError(step);
        } finally {
            // Before the step can finish: its followers hear of its whole output before its end.
            jobs.lookAtLog(step);
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
