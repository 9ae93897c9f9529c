package org.paasmaker.api.source;

import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;

/** Fetches code into a working copy. */
public interface Source {

    /**
     * Puts a fresh copy of the code described by {@code parameters} into the step's working directory,
     * which exists and is empty. Failures are {@code PaasmakerException}s that say what to fix.
     */
    void fetch(PluginParameters parameters, StepContext step);
}
