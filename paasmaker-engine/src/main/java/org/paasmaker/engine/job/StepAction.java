package org.paasmaker.engine.job;

import org.paasmaker.api.plugin.StepContext;

/** The work of one job step. */
@FunctionalInterface
public interface StepAction {

    void run(StepContext step) throws Exception;
}
