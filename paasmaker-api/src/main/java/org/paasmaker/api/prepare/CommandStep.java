package org.paasmaker.api.prepare;

import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;

/**
 * One prepare or startup entry of a manifest, run in a working directory: the source's working copy
 * before packing, or an instance's directory before it starts.
 */
public interface CommandStep {

    /** Runs the step; a failure is a {@code PaasmakerException} naming the command that failed. */
    void run(PluginParameters parameters, StepContext step);
}
