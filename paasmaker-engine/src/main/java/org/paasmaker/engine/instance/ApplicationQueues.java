package org.paasmaker.engine.instance;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.job.JobManager;

/**
 * One lifecycle action at a time per application: a job waits (WAITING) until the application's
 * previous one has ended, then runs. The queues live in memory, so a lock a dead engine held never
 * sticks. The health checks look only at applications with nothing queued.
 */
final class ApplicationQueues {

    private final JobManager jobs;
    private final Map<ApplicationId, CompletableFuture<Void>> tails = new HashMap<>();

    ApplicationQueues(JobManager jobs) {
        this.jobs = jobs;
    }

    /** Submits the job behind the application's previous one. */
    synchronized JobId enqueue(ApplicationId application, Job root, Runnable work) {
        CompletableFuture<Void> previous = tails.getOrDefault(application, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> mine = new CompletableFuture<>();
        tails.put(application, mine);
        return jobs.submitAfter(previous, root, job -> work.run(), () -> {
            mine.complete(null);
            synchronized (this) {
                tails.remove(application, mine);
            }
        });
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
