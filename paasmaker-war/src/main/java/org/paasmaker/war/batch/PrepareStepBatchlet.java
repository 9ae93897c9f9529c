package org.paasmaker.war.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Every step of the batch job {@code prepare}: runs the engine's step of the same name for the prepare
 * the job belongs to. The engine's failure, thrown on, fails the batch step and so the batch job.
 */
@Named("prepareStep")
@Dependent
class PrepareStepBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    BatchPrepareRunner prepares;

    @Override
    public String process() {
        prepares.steps(job.getProperties().getProperty(BatchPrepareRunner.PREPARE_JOB_ID)).run(step.getStepName());
        return BatchStatus.COMPLETED.name();
    }

    @Override
    public void stop() {
        prepares.stopForShutdown(job.getProperties().getProperty(BatchPrepareRunner.PREPARE_JOB_ID));
    }
}
