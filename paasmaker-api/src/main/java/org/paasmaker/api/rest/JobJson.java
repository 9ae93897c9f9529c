package org.paasmaker.api.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;

/** A job and its children on the wire, as {@link JobView} holds them; {@code startedBy} is null when unknown. */
public record JobJson(String id, String parentId, String title, JobState state, String summary,
        Map<String, String> tags, String startedBy, Instant createdAt, Instant startedAt, Instant finishedAt,
        List<JobJson> children) {

    public static JobJson of(JobView job) {
        return new JobJson(job.id().value(), job.parentId().map(Object::toString).orElse(null), job.title(),
                job.state(), job.summary(), job.tags(), job.startedBy().orElse(null), job.createdAt(),
                job.startedAt().orElse(null), job.finishedAt().orElse(null),
                job.children().stream().map(JobJson::of).toList());
    }
}
