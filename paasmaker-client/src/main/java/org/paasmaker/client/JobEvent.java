package org.paasmaker.client;

import java.util.Objects;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.api.rest.JobStateChange;

/**
 * One event of a followed job tree ({@code GET /jobs/{id}/events}): a job's new state, new lines of a
 * job's log, or the end with the finished tree, which is always the last.
 */
public sealed interface JobEvent permits JobEvent.State, JobEvent.Log, JobEvent.End {

    /** A job of the tree changed state ({@code state}). */
    record State(JobStateChange change) implements JobEvent {
        public State {
            Objects.requireNonNull(change, "change");
        }
    }

    /** New whole lines of one job's log ({@code log}). */
    record Log(JobLogLines lines) implements JobEvent {
        public Log {
            Objects.requireNonNull(lines, "lines");
        }
    }

    /** The tree has finished and everything was told ({@code end}): the finished tree. */
    record End(JobJson job) implements JobEvent {
        public End {
            Objects.requireNonNull(job, "job");
        }
    }
}
