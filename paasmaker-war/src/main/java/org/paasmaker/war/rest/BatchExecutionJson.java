package org.paasmaker.war.rest;

import jakarta.batch.runtime.StepExecution;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.paasmaker.war.batch.BatchExecutions;

/** The batch execution that ran a prepare's steps, on the wire: its statuses and its steps'. */
public record BatchExecutionJson(long executionId, String jobName, String batchStatus, String exitStatus,
        Instant startedAt, Instant endedAt, List<Step> steps) {

    /** One step of the batch job, named as the engine's step it ran. */
    public record Step(String name, String batchStatus, String exitStatus) {
    }

    static BatchExecutionJson of(BatchExecutions.Found found) {
        var execution = found.execution();
        return new BatchExecutionJson(execution.getExecutionId(), execution.getJobName(),
                execution.getBatchStatus().name(), execution.getExitStatus(), instant(execution.getStartTime()),
                instant(execution.getEndTime()), found.steps().stream().map(BatchExecutionJson::step).toList());
    }

    private static Step step(StepExecution step) {
        return new Step(step.getStepName(), step.getBatchStatus().name(), step.getExitStatus());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
