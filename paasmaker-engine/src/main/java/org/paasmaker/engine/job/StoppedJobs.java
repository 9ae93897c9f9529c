package org.paasmaker.engine.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;

/**
 * What a tree that an earlier engine left unfinished becomes: nothing will ever run the rest of it,
 * so it ends here, in words that tell the user what to do.
 */
final class StoppedJobs {

    static final String STOPPED = "the engine stopped before this job finished; run the same action again";
    static final String NOT_RUN = "not run: the engine stopped before this step ran";

    private StoppedJobs() {
    }

    /**
     * @param tree the tree as settled
     * @param stopped the jobs it marked FAILED, whose logs should say why
     * @param changed whether the tree differs from the one recorded
     */
    record Settled(JobView tree, List<JobId> stopped, boolean changed) {
    }

    /**
     * The tree with the root and every job that was running marked FAILED, and every step that had not
     * started marked as not run (ABORTED, as steps skipped after a failure are).
     *
     * @param now when this engine noticed: the moment the earlier one stopped is not known
     */
    static Settled settle(JobView root, Instant now) {
        return settle(root, now, STOPPED);
    }

    /** Like {@link #settle(JobView, Instant)}, the jobs that were running ending with {@code why}. */
    static Settled settle(JobView root, Instant now, String why) {
        List<JobId> stopped = new ArrayList<>();
        JobView tree = settle(root, true, now, why, stopped);
        return new Settled(tree, List.copyOf(stopped), !tree.equals(root));
    }

    private static JobView settle(JobView job, boolean root, Instant now, String why, List<JobId> stopped) {
        JobState state = job.state();
        String summary = job.summary();
        Optional<Instant> finishedAt = job.finishedAt();
        // A root that never started was queued behind another action: the user asked for it, so it failed.
        if (state == JobState.RUNNING || (root && state == JobState.WAITING)) {
            state = JobState.FAILED;
            summary = why;
            finishedAt = Optional.of(now);
            stopped.add(job.id());
        } else if (state == JobState.WAITING) {
            state = JobState.ABORTED;
            summary = NOT_RUN;
            finishedAt = Optional.of(now);
        }
        List<JobView> children = job.children().stream().map(child -> settle(child, false, now, why, stopped)).toList();
        return new JobView(job.id(), job.parentId(), job.title(), state, summary, job.tags(), job.startedBy(), job.createdAt(),
                job.startedAt(), finishedAt, children);
    }
}
