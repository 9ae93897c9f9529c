package org.paasmaker.engine.job;

import java.io.IOException;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;

/** Reads the jobs' logs for those who show or follow them: whole, or a bounded slice at a time. */
final class JobLogReader {

    /** The most a log read returns: a follower reads on from where it stopped. */
    static final int MAX_READ_BYTES = 1 << 20;

    /** Finds a job by its id, or throws the NotFoundException a caller is given. */
    private final Function<JobId, Job> jobs;

    JobLogReader(Function<JobId, Job> jobs) {
        this.jobs = jobs;
    }

    /** The job's log from byte {@code from} on, at most {@value #MAX_READ_BYTES} bytes, up to a newline if asked. */
    LogText read(JobId id, long from, boolean wholeLines) {
        Job job = jobs.apply(id);
        if (from < 0) {
            throw new IllegalArgumentException("a log is read from offset 0 or later, not " + from);
        }
        try {
            return job.log().read(from, MAX_READ_BYTES, wholeLines);
        } catch (IOException e) {
            throw unreadable(id, e);
        }
    }

    String text(JobId id) {
        Job job = jobs.apply(id);
        try {
            return job.log().text();
        } catch (IOException e) {
            throw unreadable(id, e);
        }
    }

    private static PaasmakerException unreadable(JobId id, IOException e) {
        return new PaasmakerException(ErrorCode.INTERNAL, "cannot read the log of job " + id + ": " + e.getMessage(), e);
    }
}
