package org.paasmaker.engine.prepare;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Where a prepare's steps run. An engine without one runs them in the prepare job's own thread; an
 * embedder with a job system of its own (the server's Jakarta Batch) gives one to
 * {@code Paasmaker.Builder.prepareRunner}, and the prepare job then names that system's execution in
 * its tags and in each step's log.
 */
@FunctionalInterface
public interface PrepareRunner {

    /**
     * Starts an execution that runs every step of the prepare with {@link PrepareSteps#run}, in the
     * order of {@link PrepareSteps#names()}, and stops at the first that throws. Returns as soon as the
     * execution has an id: no step runs before the job has recorded it. The job waits for
     * {@link Execution#ended()}, and its outcome is the steps' outcome, as if they had run in the job.
     */
    Execution start(PrepareSteps prepare) throws Exception;

    /**
     * A runner's own execution of one prepare: {@code kind} names the runner's system (the prepare job's
     * tag is {@code <kind>_execution_id}), {@code id} is the execution's id there, and {@code ended}
     * completes when the execution has ended, however it ended.
     */
    record Execution(String kind, String id, CompletionStage<?> ended) {

        private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]*");

        public Execution {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ended, "ended");
            if (!KIND.matcher(kind).matches()) {
                throw new IllegalArgumentException("an execution's kind is a lower-case word, such as 'batch': '" + kind + "'");
            }
            if (id.isBlank()) {
                throw new IllegalArgumentException("the " + kind + " execution has a blank id");
            }
        }

        /** The prepare job's tag that holds the id. */
        public String tag() {
            return kind + "_execution_id";
        }

        @Override
        public String toString() {
            return kind + " execution " + id;
        }
    }
}
