package org.paasmaker.war.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.rest.BatchExecutionJson;

/** The batch execution that ran a prepare's steps, as the batch runtime reports it. */
@ApplicationScoped
public class BatchExecutions {

    /**
     * The execution the job names in its tags; empty for a job that ran no batch job, and for one the
     * batch runtime no longer knows: it keeps executions in memory, so a restart forgets them.
     */
    public Optional<BatchExecutionJson> of(JobView job) {
        String id = job.tags().get(BatchPrepareRunner.TAG);
        if (id == null) {
            return Optional.empty();
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            JobExecution execution = operator.getJobExecution(Long.parseLong(id));
            List<StepExecution> steps = operator.getStepExecutions(execution.getExecutionId()).stream()
                    .sorted(Comparator.comparingLong(StepExecution::getStepExecutionId)).toList();
            return Optional.of(json(execution, steps));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    private static BatchExecutionJson json(JobExecution execution, List<StepExecution> steps) {
        return new BatchExecutionJson(execution.getExecutionId(), execution.getJobName(),
                execution.getBatchStatus().name(), execution.getExitStatus(), instant(execution.getStartTime()),
                instant(execution.getEndTime()), steps.stream().map(BatchExecutions::step).toList());
    }

    private static BatchExecutionJson.Step step(StepExecution step) {
        return new BatchExecutionJson.Step(step.getStepName(), step.getBatchStatus().name(), step.getExitStatus());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
