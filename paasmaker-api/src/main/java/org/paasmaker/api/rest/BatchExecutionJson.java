package org.paasmaker.api.rest;

import java.time.Instant;
import java.util.List;

/** The Jakarta Batch execution that ran a prepare's steps on the server: its statuses and its steps'. */
public record BatchExecutionJson(long executionId, String jobName, String batchStatus, String exitStatus,
        Instant startedAt, Instant endedAt, List<Step> steps) {

    /** One step of the batch job, named as the engine's step it ran. */
    public record Step(String name, String batchStatus, String exitStatus) {
    }
}
