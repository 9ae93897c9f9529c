package org.paasmaker.engine.job;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Copies a step's command's output into the step's log as it comes, on a thread of its own. The
 * command writes into a pipe that this thread always empties, whatever the log does: it never stops
 * reading before the pipe's end, and a write to the log that fails costs that output, not the
 * command (it is counted and said at the end). So a command that writes as fast as it can runs at the
 * speed of a memory copy, and the log keeps its beginning and its newest output ({@link JobLog}).
 *
 * <p>A pipe rather than the file itself, as instances have it: the log is rewritten when it is cut,
 * which a writer holding the file open would undo. The pipe's reader dies with the engine, and so
 * does the job: the next engine marks it FAILED.
 */
final class CommandOutput implements Runnable {

    private static final int CHUNK = 1 << 16;

    private final InputStream output;
    private final JobManager jobs;
    private final Job step;
    private final CountDownLatch ended = new CountDownLatch(1);

    private CommandOutput(InputStream output, JobManager jobs, Job step) {
        this.output = output;
        this.jobs = jobs;
        this.step = step;
    }

    /** Starts copying the process's output (standard output and error, merged) into the step's log. */
    static CommandOutput start(Process process, JobManager jobs, Job step) {
        CommandOutput copier = new CommandOutput(process.getInputStream(), jobs, step);
        Thread thread = new Thread(copier, "paasmaker-job-output-" + step.id());
        thread.setDaemon(true);
        thread.start();
        return copier;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[CHUNK];
        long lost = 0;
        String why = "";
        try (InputStream in = output) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                try {
                    jobs.appendOutput(step, buffer, n);
                } catch (IOException | RuntimeException e) {
                    // Read on all the same: a command whose pipe fills up would wait for a reader.
                    lost += n;
                    why = e.getMessage();
                }
            }
        } catch (IOException e) {
            // The pipe broke: the process is gone, and so is whatever it had still to say.
        } finally {
            if (lost > 0) {
                tell(lost + " bytes of the command's output could not be written to this log: " + why);
            }
            ended.countDown();
        }
    }

    /**
     * Waits until the output has ended and is all in the log, at most {@code limit}; false when a process
     * the command left in the background still holds its output open.
     */
    boolean awaitEnd(Duration limit) throws InterruptedException {
        return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tell(String line) {
        try {
            jobs.appendLog(step, line);
        } catch (PaasmakerException e) {
            // The log cannot be written at all; the step's outcome still says how the command ended.
        }
    }
}
