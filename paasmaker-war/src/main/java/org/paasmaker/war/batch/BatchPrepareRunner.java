package org.paasmaker.war.batch;

import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.prepare.PrepareRunner;
import org.paasmaker.engine.prepare.PrepareSteps;

/**
 * Runs each prepare as the batch job {@code prepare} (META-INF/batch-jobs/prepare.xml), whose steps
 * run the engine's steps of the same names. Holds the prepares whose batch job runs, for the job's
 * batchlets and listener to find by the job parameter {@code prepareJobId}. Its methods are public
 * because the batchlets reach it through a CDI proxy.
 */
@ApplicationScoped
class BatchPrepareRunner implements PrepareRunner {

    static final String JOB = "prepare";
    static final String KIND = "batch";
    /** The prepare job's tag that holds the batch execution's id, as {@link Execution#tag()} names it. */
    static final String TAG = KIND + "_execution_id";
    static final String PREPARE_JOB_ID = "prepareJobId";

    /** A prepare whose batch job runs, and what completes when that job ends. */
    private record Running(PrepareSteps steps, CompletableFuture<Void> ended) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();

    @Override
    public Execution start(PrepareSteps prepare) {
        String jobId = prepare.jobId().value();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        // Before the start: the batch job may reach its first step before start() returns.
        running.put(jobId, new Running(prepare, ended));
        Properties parameters = new Properties();
        parameters.setProperty(PREPARE_JOB_ID, jobId);
        try {
            long execution = BatchRuntime.getJobOperator().start(JOB, parameters);
            return new Execution(KIND, Long.toString(execution), ended);
        } catch (BatchRuntimeException e) {
            running.remove(jobId);
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot start the batch job '" + JOB + "' for the prepare "
                    + jobId + ": " + e.getMessage(), e);
        }
    }

    /** The steps of the prepare that a batch job runs. */
    public PrepareSteps steps(String prepareJobId) {
        return Optional.ofNullable(running.get(prepareJobId)).map(Running::steps)
                .orElseThrow(() -> new IllegalStateException("no prepare " + prepareJobId + " waits for a batch job;"
                        + " a prepare's batch job cannot be restarted (prepare a new version instead)"));
    }

    /**
     * The batch job of a prepare is told to stop: Liberty tells every running job so when its batch
     * component stops with the server, and waits for them, so the prepare ends now rather than hold the
     * shutdown until its command is done.
     */
    public void stopForShutdown(String prepareJobId) {
        Running stopping = running.get(prepareJobId);
        if (stopping != null) {
            stopping.steps().stopForShutdown();
        }
    }

    /** The batch job of a prepare has ended, however it ended: the prepare's job may end too. */
    public void ended(String prepareJobId) {
        Running ended = running.remove(prepareJobId);
        if (ended != null) {
            ended.ended().complete(null);
        }
    }
}
