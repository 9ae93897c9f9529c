package org.paasmaker.engine.prepare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.job.StepAction;

/**
 * A prepare's steps in their order, run in the job's own thread or by a {@link PrepareRunner}. Either
 * way each runs through {@link JobManager#runStep} in the working copy, so states, logs, abort and the
 * failure's wording are the same; and the job ends, and deletes the working copy, only when no step
 * runs any more.
 */
final class OrderedSteps implements PrepareSteps {

    /** How long after an abort the job waits for a runner's execution to end. */
    static final Duration ABORT_GRACE = Duration.ofSeconds(10);

    /** One step: its name for runners, its job in the tree, and its work. */
    record Step(String name, Job job, StepAction action) {
    }

    private final JobManager jobs;
    private final JobId jobId;
    private final Path workingCopy;
    private final Map<String, String> environment;
    private final List<Step> steps;
    /** Released once the job has recorded the runner's execution, or refused it. */
    private final CountDownLatch recorded = new CountDownLatch(1);
    private volatile PrepareRunner.Execution execution;
    /** Guards the thread running a step, so that an abort's interrupt reaches only that step. */
    private final Object runningLock = new Object();
    private Thread running;
    // Guarded by this, which a step holds while it runs.
    private int next;
    private RuntimeException failure;
    private boolean over;

    OrderedSteps(JobManager jobs, JobId jobId, Path workingCopy, Map<String, String> environment, List<Step> steps) {
        this.jobs = jobs;
        this.jobId = jobId;
        this.workingCopy = workingCopy;
        this.environment = Map.copyOf(environment);
        this.steps = List.copyOf(steps);
    }

    @Override
    public JobId jobId() {
        return jobId;
    }

    @Override
    public List<String> names() {
        return steps.stream().map(Step::name).toList();
    }

    /** Runs every step in the calling thread, the job's own; a failure is thrown as the step threw it. */
    void runHere() {
        for (Step step : steps) {
            runNext(step.name());
        }
    }

    /**
     * Has the runner run the steps, records its execution in the root job's tags, and waits until the
     * execution has ended. Ends as the steps ended: with the failing step's own failure, so the job's
     * summary is the one it has when the steps run here.
     */
    void runWith(PrepareRunner runner, Job root) {
        PrepareRunner.Execution started;
        try {
            started = runner.start(this);
        } catch (Exception e) {
            refuseFurtherSteps();
            throw e instanceof PaasmakerException failed ? failed
                    : new PaasmakerException(ErrorCode.INTERNAL, "the prepare's steps could not be started: " + e, e);
        }
        root.tag(started.tag(), started.id());
        execution = started;
        recorded.countDown();
        awaitEnd(started);
        synchronized (this) {
            // Taking the lock waits for a step that still runs, should the runner have ended without it.
            over = true;
            if (failure != null) {
                throw failure;
            }
            if (next < steps.size()) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "the " + started + " ended before the step '"
                        + steps.get(next).name() + "' ran; its own log says why");
            }
        }
    }

    private void refuseFurtherSteps() {
        synchronized (this) {
            over = true;
        }
        recorded.countDown();
    }

    /**
     * Waits for the execution's end. An abort interrupts the job's thread: the interrupt is passed on to
     * the thread running the step (which ends its command), and the wait goes on until the steps stop,
     * for a while: a runner that does not end then is left behind, lest it hold the job (and the
     * server's shutdown) forever.
     */
    private void awaitEnd(PrepareRunner.Execution started) {
        CompletableFuture<?> ended = started.ended().toCompletableFuture();
        try {
            ended.get();
        } catch (InterruptedException e) {
            interruptRunningStep();
            try {
                ended.get(ABORT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | TimeoutException late) {
                throw new PaasmakerException(ErrorCode.ABORTED, "the job was aborted, but the " + started
                        + " had not ended " + ABORT_GRACE.toSeconds() + " s later; a step of it may still run");
            } catch (ExecutionException failed) {
                // How it ended is told by the steps it ran.
            } finally {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            // How it ended is told by the steps it ran.
        }
    }

    @Override
    public void stopForShutdown() {
        jobs.stopForShutdown(jobId);
    }

    @Override
    public void run(String name) {
        awaitRecorded();
        try {
            runNext(name);
        } catch (RuntimeException e) {
            // A step's failure, which its job has recorded, carries the failure itself as its cause.
            throw e.getCause() instanceof PaasmakerException failed && !(e instanceof PaasmakerException) ? failed : e;
        }
    }

    private void awaitRecorded() {
        try {
            recorded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted before the step could run");
        }
    }

    private synchronized void runNext(String name) {
        if (over) {
            throw new IllegalStateException("the prepare " + jobId + " is over; its step '" + name + "' cannot run");
        }
        if (failure != null) {
            throw new IllegalStateException("the step '" + name + "' of prepare " + jobId + " cannot run: an earlier"
                    + " step failed");
        }
        if (next == steps.size() || !steps.get(next).name().equals(name)) {
            throw new IllegalStateException("the steps of a prepare run once each, in the order " + names() + "; '"
                    + name + "' is not next in prepare " + jobId + (next == steps.size() ? ", whose steps have all run"
                    : ", where '" + steps.get(next).name() + "' is"));
        }
        Step step = steps.get(next++);
        enter();
        try {
            jobs.runStep(step.job(), workingCopy, environment, context -> {
                if (execution != null) {
                    context.log("Runs as the step '" + step.name() + "' of " + execution + ".");
                }
                step.action().run(context);
            });
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            leave();
        }
    }

    private void enter() {
        synchronized (runningLock) {
            running = Thread.currentThread();
        }
    }

    private void leave() {
        synchronized (runningLock) {
            running = null;
            // An abort's interrupt was meant for the step: the runner's thread goes back clean.
            if (execution != null) {
                Thread.interrupted();
            }
        }
    }

    private void interruptRunningStep() {
        synchronized (runningLock) {
            if (running != null) {
                running.interrupt();
            }
        }
    }
}
