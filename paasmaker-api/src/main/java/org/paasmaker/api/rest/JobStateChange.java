package org.paasmaker.api.rest;

import org.paasmaker.api.job.JobState;

/**
 * The data of a {@code state} job event: a job of the tree and its new state; {@code parentId} is absent
 * for the root, {@code startedBy} (who started the tree, as in {@link JobJson}) when unknown.
 */
public record JobStateChange(String job, String parentId, String title, JobState state, String summary,
        String startedBy) {
}
