package org.paasmaker.engine.runtime;

import java.util.List;
import java.util.Map;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.api.runtime.Runtime;

/**
 * Any command, as the node's own environment runs it; version "1", as the original Paasmaker's shell
 * runtime advertised.
 */
final class ShellRuntime implements Runtime {

    static final String VERSION = "1";

    @Override
    public List<String> versions() {
        return List.of(VERSION);
    }

    @Override
    public Map<String, String> environment(String version, Map<String, String> base) {
        return base;
    }

    @Override
    public LaunchPlan launchPlan(LaunchRequest request) {
        return LaunchCommand.plan(request, request.environment());
    }
}
