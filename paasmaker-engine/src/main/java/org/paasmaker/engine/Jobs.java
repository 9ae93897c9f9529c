package org.paasmaker.engine;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.engine.job.JobListener;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.job.JobSubscription;
import org.paasmaker.engine.job.LogText;

/**
 * The engine's job verbs: the tree, each job's log, abort, waiting for the end, and following a tree
 * as it changes.
 */
public final class Jobs {

    private final JobManager jobs;

    Jobs(JobManager jobs) {
        this.jobs = jobs;
    }

    /** The job with its children, as they stand now. */
    public JobView get(JobId id) {
        return jobs.get(id);
    }

    /** The job's own log so far; it grows while the job runs. */
    public String log(JobId id) {
        return jobs.log(id);
    }

    /**
     * The job's log from byte {@code from} on, as it stands now, up to a limit: read on from
     * {@link LogText#next()}. Logs only grow, so a follower that keeps the offset reads each byte once.
     */
    public LogText log(JobId id, long from) {
        return jobs.log(id, from);
    }

    /** Like {@link #log(JobId, long)}, whole lines only: a line still being written is read once it ends. */
    public LogText logLines(JobId id, long from) {
        return jobs.logLines(id, from);
    }

    /**
     * Tells the listener of every state change, tag and log growth of the job and its descendants from
     * now on, on an engine thread, in order; read the job after subscribing, so nothing falls between.
     * Close the subscription when done.
     */
    public JobSubscription subscribe(JobId id, JobListener listener) {
        return jobs.subscribe(id, listener);
    }

    /** Aborts the job's whole tree; false if it had already finished. */
    public boolean abort(JobId id) {
        return jobs.abort(id);
    }

    /** Completes, with the root as it ended, once the job's tree has finished, without holding a thread meanwhile. */
    public CompletionStage<JobView> whenFinished(JobId id) {
        return jobs.whenFinished(id);
    }

    /** Waits for the job's tree to finish and returns the job as it ended. */
    public JobView await(JobId id, Duration timeout) {
        return jobs.await(id, timeout);
    }
}
