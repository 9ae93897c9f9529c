package org.paasmaker.engine.job;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobState;

/**
 * Runs a tree's work: the root's action, and its steps one after another inside it, and ends each job
 * as its work went. A failed step fails every ancestor with the step's reason; steps that never ran
 * end as ABORTED, so a finished tree has no WAITING job.
 */
final class TreeRunner {

    /** Writes the jobs' logs, knows whether their trees were aborted, and is what a step's context acts on. */
    private final JobManager jobs;
    private final Clock clock;

    TreeRunner(JobManager jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Runs the root's action on the calling thread, then ends the tree as the action went. */
    void runRoot(Job root, RootControl control, JobManager.RootAction action, Runnable afterwards) {
        control.thread = Thread.currentThread();
        JobState outcome = JobState.FAILED;
        String why = "internal error";
        try {
            if (control.aborted) {
                throw jobs.abortedError(root);
            }
            root.start(clock.instant());
            action.run(root);
            outcome = JobState.SUCCESS;
            why = "";
        } catch (StepFailedException e) {
            outcome = outcomeOf(e.failure());
            why = e.step() == root ? e.getMessage() : reason(e);
        } catch (PaasmakerException e) {
            outcome = outcomeOf(e);
            why = e.getMessage();
            jobs.appendLog(root, e.getMessage());
        } catch (Exception | Error e) {
            why = "internal error: " + e;
            jobs.appendLog(root, stackTrace(e));
        } finally {
            Thread.interrupted();
            control.thread = null;
            if (control.stopReason != null) {
                // In the same words whichever step the stop cut short, as when the next engine settles the tree.
                outcome = JobState.FAILED;
                why = control.stopReason.getMessage();
            }
            try {
                // Children first: whoever sees the root finished may take the whole tree as finished.
                endUnfinished(root, control.stopReason != null ? StoppedJobs.NOT_RUN
                        : "not run: the job " + (control.aborted ? "was aborted" : "failed before this step"));
                root.finish(outcome, why, clock.instant());
                afterwards.run();
            } finally {
                control.done.complete(root.view());
            }
        }
    }

    /** Ends the tree without running it, the executor taking no more work: the engine is shutting down. */
    void notRun(Job root, RootControl control, Runnable afterwards) {
        endUnfinished(root, "not run: the engine is shutting down");
        root.finish(JobState.ABORTED, "the engine is shutting down", clock.instant());
        afterwards.run();
        control.done.complete(root.view());
    }

    /** Runs one step of a running root on the calling thread; a failure is rethrown so the steps after it do not run. */
    void runStep(Job step, Path workingDirectory, Map<String, String> environment, StepAction action) {
        if (jobs.isAborted(step)) {
            throw new StepFailedException(step, jobs.abortedError(step));
        }
        step.start(clock.instant());
        try {
            action.run(new JobStepContext(jobs, step, workingDirectory, environment));
            step.finish(JobState.SUCCESS, "", clock.instant());
        } catch (StepFailedException e) {
            endUnfinished(step, "not run: " + reason(e));
            step.finish(outcomeOf(e.failure()), reason(e), clock.instant());
            throw e;
        } catch (PaasmakerException e) {
            PaasmakerException failure = jobs.isAborted(step) ? jobs.abortedError(step) : e;
            jobs.appendLog(step, failure.getMessage());
            step.finish(outcomeOf(failure), failure.getMessage(), clock.instant());
            throw new StepFailedException(step, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PaasmakerException aborted = jobs.abortedError(step);
            step.finish(outcomeOf(aborted), aborted.getMessage(), clock.instant());
            throw new StepFailedException(step, aborted);
        } catch (Exception e) {
            jobs.appendLog(step, stackTrace(e));
            PaasmakerException failure = jobs.isAborted(step) ? jobs.abortedError(step)
                    : new PaasmakerException(ErrorCode.INTERNAL, "internal error: " + e, e);
            step.finish(outcomeOf(failure), failure.getMessage(), clock.instant());
            throw new StepFailedException(step, failure);
        }
    }

    private void endUnfinished(Job job, String why) {
        for (Job child : job.children()) {
            child.finish(JobState.ABORTED, why, clock.instant());
            endUnfinished(child, why);
        }
    }

    private static JobState outcomeOf(PaasmakerException failure) {
        return failure.code() == ErrorCode.ABORTED ? JobState.ABORTED : JobState.FAILED;
    }

    private static String reason(StepFailedException e) {
        return e.step().title() + ": " + e.getMessage();
    }

    private static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
