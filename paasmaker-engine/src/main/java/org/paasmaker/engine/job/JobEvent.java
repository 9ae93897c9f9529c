package org.paasmaker.engine.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;

/**
 * What a {@link JobListener} hears of a job tree: a job's new state, its log's new length, a new tag.
 * Each names the job it is about.
 */
public sealed interface JobEvent {

    JobId job();

    /**
     * The job started ({@code RUNNING}) or finished. A job finishes after its children: when the root
     * reads finished, the whole tree has.
     *
     * @param summary why it failed or was aborted; empty otherwise
     * @param at when it changed, by the engine's clock
     */
    record StateChanged(JobId job, Optional<JobId> parent, String title, JobState state, String summary, Instant at)
            implements JobEvent {

        public StateChanged {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * The job's log has grown to {@code length} bytes; {@link JobManager#log(JobId, long)} reads what is
     * new. Lengths only grow. Several writes may come as one event, never the other way round.
     */
    record LogWritten(JobId job, long length) implements JobEvent {
    }

    /** The job was tagged, as a prepare tags its root with {@code version_id} once the version exists. */
    record Tagged(JobId job, String key, String value) implements JobEvent {
    }
}
