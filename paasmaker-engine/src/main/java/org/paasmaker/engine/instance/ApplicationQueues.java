package org.paasmaker.engine.instance;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.job.JobManager;

/**
 * One lifecycle action at a time per application: a job waits (WAITING) until the application's
 * previous one has ended, then runs. The queues live in memory, so a lock a dead engine held never
 * sticks. The health checks look only at applications with nothing queued. Where controllers share a
 * store, a job also takes its application's {@link ApplicationTurns turn} before it runs, so that jobs
 * of one application submitted through different controllers take turns too.
 */
final class ApplicationQueues {

    private final JobManager jobs;
    private final Map<ApplicationId, CompletableFuture<Void>> tails = new HashMap<>();
    private volatile ApplicationTurns turns = ApplicationTurns.ALONE;

    ApplicationQueues(JobManager jobs) {
        this.jobs = jobs;
    }

    /** Takes turns with the other controllers sharing the store through {@code turns}. */
    void takeTurnsThrough(ApplicationTurns turns) {
        this.turns = turns;
    }

    void close() {
        turns.close();
    }

    /** Submits the job behind the application's previous one. */
    synchronized JobId enqueue(ApplicationId application, Job root, Runnable work) {
        CompletableFuture<Void> previous = tails.getOrDefault(application, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> mine = new CompletableFuture<>();
        tails.put(application, mine);
        return jobs.submitAfter(previous, root, job -> {
            try (ApplicationTurns.Turn turn = turn(application, root)) {
                work.run();
            }
        }, () -> {
            mine.complete(null);
            synchronized (this) {
                tails.remove(application, mine);
            }
        });
    }

    /** The application's turn: at once, or after a step that waits for the controller holding it. */
    private ApplicationTurns.Turn turn(ApplicationId application, Job root) {
        Optional<ApplicationTurns.Turn> now = turns.tryTake(application);
        if (now.isPresent()) {
            return now.get();
        }
        AtomicReference<ApplicationTurns.Turn> taken = new AtomicReference<>();
        Job wait = jobs.addChild(root, "Wait for this application's job on another controller");
        jobs.runStep(wait, step -> taken.set(turns.take(application, step::log)));
        return taken.get();
    }

    /**
     * Runs {@code check} unless a job of the application is queued or running, and holds new ones back
     * while it runs (the check may queue one itself).
     */
    synchronized boolean ifIdle(ApplicationId application, Runnable check) {
        CompletableFuture<Void> tail = tails.get(application);
        if (tail != null && !tail.isDone()) {
            return false;
        }
        check.run();
        return true;
    }
}
