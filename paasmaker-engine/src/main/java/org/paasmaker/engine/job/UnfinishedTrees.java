package org.paasmaker.engine.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;

/**
 * The trees this engine has not finished, as it stops running them: each ends at once, like an abort,
 * but as FAILED and in words that tell the user the engine ended it, not a user.
 */
final class UnfinishedTrees {

    private final Map<JobId, Job> jobs;
    private final Map<JobId, RootControl> roots;
    /** Aborts the root's tree for the engine's reason; false when the tree had already finished. */
    private final BiPredicate<Job, PaasmakerException> abort;

    UnfinishedTrees(Map<JobId, Job> jobs, Map<JobId, RootControl> roots, BiPredicate<Job, PaasmakerException> abort) {
        this.jobs = jobs;
        this.roots = roots;
        this.abort = abort;
    }

    /** Ends the root's tree in the words a tree left unfinished by a stopped engine gets; false when it had finished. */
    boolean stop(Job root) {
        return abort.test(root, new PaasmakerException(ErrorCode.UNAVAILABLE, StoppedJobs.STOPPED));
    }

    /** Stops every unfinished tree, and waits at most {@code limit} for the running ones to end. */
    void stopAll(Duration limit) {
        List<RootControl> stopped = new ArrayList<>();
        roots.forEach((id, control) -> {
            Job root = jobs.get(id);
            // A root never submitted has nothing that would end it; one forgotten meanwhile had finished.
            if (root == null || !control.submitted) {
                return;
            }
            boolean running = root.state() == JobState.RUNNING;
            if (stop(root) && running) {
                stopped.add(control);
            }
        });
        CompletableFuture<?> all = CompletableFuture.allOf(stopped.stream().map(control -> control.done)
                .toArray(CompletableFuture[]::new));
        try {
            all.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // What did not end is recorded as running; the next engine settles it.
        }
    }

    /** Ends every unfinished tree at once as FAILED with {@code why}, without waiting for them. */
    void endAll(String why) {
        roots.forEach((id, control) -> {
            Job root = jobs.get(id);
            if (root != null && control.submitted) {
                abort.test(root, new PaasmakerException(ErrorCode.UNAVAILABLE, why));
            }
        });
    }
}
