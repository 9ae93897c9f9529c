package org.paasmaker.engine.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.plugin.StepContext;

/** The controller's job step as a node sees it, here keeping nothing: a log, and nothing to run. */
final class QuietStep implements StepContext {

    @Override
    public Path workingDirectory() {
        return Path.of("/");
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public void log(String line) {
    }

    @Override
    public int run(List<String> command) {
        throw new UnsupportedOperationException("a node runs no command through the controller's step");
    }

    @Override
    public StepContext with(Path directory, Map<String, String> environment) {
        return this;
    }

    @Override
    public void checkAborted() {
    }
}
