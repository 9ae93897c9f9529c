package org.paasmaker.engine.prepare;

import java.util.List;
import org.paasmaker.api.job.JobId;

/** The steps of one prepare, as a {@link PrepareRunner} runs them. Safe to call from any thread. */
public interface PrepareSteps {

    /** The prepare job: the root of the tree that shows the steps and their logs. */
    JobId jobId();

    /** The steps' names in the order they run: fetch, manifest, services, commands, pack. */
    List<String> names();

    /**
     * Runs the named step in the calling thread, exactly as the job runs it itself, and records its
     * outcome in the step's job. Steps run once each, one after another, in the order of {@link #names()}.
     *
     * @throws org.paasmaker.api.error.PaasmakerException the step's failure (or the abort), already
     *     recorded in the job tree; no later step may run, and the prepare fails with it
     * @throws IllegalStateException if the name is not the next step's, or the prepare is over
     */
    void run(String name);

    /**
     * The runner stops (its server shuts down) and will run no more steps: the step running now ends at
     * once, and the prepare fails with the words of a job cut short by a stopping engine.
     */
    void stopForShutdown();
}
