package org.paasmaker.engine.prepare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.manifest.PluginSpec;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.runtime.RuntimeVersions;

/**
 * Runs a manifest's command plugins (its prepare commands, its release commands) in one directory
 * with one environment, each a step of its own under a group's job, in order; the first failure
 * ends the group. A runtime, if the manifest names one, puts its tools first on the PATH.
 */
public final class CommandSteps {

    private final PluginRegistry plugins;
    private final JobManager jobs;

    public CommandSteps(PluginRegistry plugins, JobManager jobs) {
        this.plugins = plugins;
        this.jobs = jobs;
    }

    /**
     * Adds a step per command to the group ("Release command 1 (paasmaker.prepare.shell)"), so the
     * tree shows them all before the first runs, then runs them.
     *
     * @param kind "Prepare", "Release": the steps' titles start with it
     */
    public void run(Job group, String kind, List<PluginSpec> commands, Path directory, Map<String, String> environment) {
        List<Job> steps = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            steps.add(jobs.addChild(group, kind + " command " + (i + 1) + " (" + commands.get(i).plugin() + ")"));
        }
        for (int i = 0; i < commands.size(); i++) {
            PluginSpec command = commands.get(i);
            jobs.runStep(steps.get(i), directory, environment,
                    step -> plugins.prepareStep(command.plugin()).run(command.parameters(), step));
        }
    }

    /** The environment with the runtime's tools first on the PATH, when a runtime is named. */
    public Map<String, String> withRuntime(Optional<RuntimeSpec> runtime, Map<String, String> environment) {
        return runtime.map(spec -> plugins.runtime(spec.plugin()).environment(runtimeVersion(spec), environment))
                .orElse(environment);
    }

    /** The installed version the manifest's runtime version names, or an error listing those installed. */
    public String runtimeVersion(RuntimeSpec spec) {
        Runtime runtime = plugins.runtime(spec.plugin());
        return RuntimeVersions.require(spec.plugin(), runtime.versions(), spec.version());
    }
}
