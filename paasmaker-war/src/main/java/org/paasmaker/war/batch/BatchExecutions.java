package org.paasmaker.war.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.job.JobView;

/** The batch execution that ran a prepare's steps, as the batch runtime reports it. */
@ApplicationScoped
public class BatchExecutions {

    /** A batch execution and its steps, in the order they ran. */
    public record Found(JobExecution execution, List<StepExecution> steps) {
    }

    /**
     * The execution the job names in its tags; empty for a job that ran no batch job, and for one the
     * batch runtime no longer knows: it keeps executions in memory, so a restart forgets them.
     */
    public Optional<Found> of(JobView job) {
        String id = job.tags().get(BatchPrepareRunner.TAG);
        if (id == null) {
            return Optional.empty();
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            JobExecution execution = operator.getJobExecution(Long.parseLong(id));
            List<StepExecution> steps = operator.getStepExecutions(execution.getExecutionId()).stream()
                    .sorted(Comparator.comparingLong(StepExecution::getStepExecutionId)).toList();
            return Optional.of(new Found(execution, steps));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }
}
