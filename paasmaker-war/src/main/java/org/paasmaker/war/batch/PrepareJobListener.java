package org.paasmaker.war.batch;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Tells the prepare that its batch job has ended, however it ended, so that the prepare's job can end. */
@Named("prepareJobListener")
@Dependent
class PrepareJobListener extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    BatchPrepareRunner prepares;

    @Override
    public void afterJob() {
        prepares.ended(job.getProperties().getProperty(BatchPrepareRunner.PREPARE_JOB_ID));
    }
}
