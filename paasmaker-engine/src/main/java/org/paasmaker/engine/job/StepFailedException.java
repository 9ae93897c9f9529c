package org.paasmaker.engine.job;

import org.paasmaker.api.error.PaasmakerException;

/**
 * A step failed and its job already records why; ancestors carry the same outcome without
 * recording it again.
 */
final class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Job step;
    private final PaasmakerException cause;

    StepFailedException(Job step, PaasmakerException cause) {
        super(cause.getMessage(), cause, false, false);
        this.step = step;
        this.cause = cause;
    }

    Job step() {
        return step;
    }

    PaasmakerException failure() {
        return cause;
    }
}
