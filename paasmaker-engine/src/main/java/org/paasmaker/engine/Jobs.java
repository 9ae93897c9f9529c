package org.paasmaker.engine;

import java.time.Duration;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.engine.job.JobManager;

/** The engine's job verbs: the tree, each job's log, abort, and waiting for the end. */
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

    /** Aborts the job's whole tree; false if it had already finished. */
    public boolean abort(JobId id) {
        return jobs.abort(id);
    }

    /** Waits for the job's tree to finish and returns the job as it ended. */
    public JobView await(JobId id, Duration timeout) {
        return jobs.await(id, timeout);
    }
}
