package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.api.runtime.Runtime;

/**
 * The Ruby installations: the chosen one's {@code bin} first on the PATH, and, for one rbenv installed,
 * {@code RBENV_VERSION} naming it as the original's rbenv runtime set it, so {@code rbenv exec} and
 * rbenv's shims in the application's own scripts pick the same Ruby.
 */
final class RubyRuntime implements Runtime {

    private final ExecutableRuntime rubies;

    RubyRuntime(ExecutableRuntime rubies) {
        this.rubies = rubies;
    }

    @Override
    public List<String> versions() {
        return rubies.versions();
    }

    @Override
    public Map<String, String> environment(String version, Map<String, String> base) {
        Map<String, String> environment = new LinkedHashMap<>(rubies.environment(version, base));
        Path installation = rubies.executable(version).getParent().getParent();
        Path versions = installation == null ? null : installation.getParent();
        if (named(versions, "versions") && named(versions.getParent(), ".rbenv")) {
            environment.put("RBENV_VERSION", installation.getFileName().toString());
        }
        return environment;
    }

    private static boolean named(Path path, String name) {
        return path != null && path.getFileName() != null && path.getFileName().toString().equals(name);
    }

    @Override
    public LaunchPlan launchPlan(LaunchRequest request) {
        return LaunchCommand.plan(request, environment(request.version(), request.environment()));
    }
}
