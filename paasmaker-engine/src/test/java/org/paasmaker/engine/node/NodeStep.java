package org.paasmaker.engine.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.StepContext;

/**
 * For tests: the controller's job step as a node sees it. It keeps the lines it is told, runs nothing
 * (a node runs its commands itself), and counts as aborted once {@link #abort()} was called.
 */
public final class NodeStep implements StepContext {

    private final Path workingDirectory;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicBoolean aborted = new AtomicBoolean();

    public NodeStep() {
        this(Path.of("/"));
    }

    public NodeStep(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** What it was told so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** From now on the step's job counts as aborted. */
    public void abort() {
        aborted.set(true);
    }

    @Override
    public void log(String line) {
        lines.add(line);
    }

    @Override
    public void checkAborted() {
        if (aborted.get()) {
            throw new PaasmakerException(ErrorCode.ABORTED, "the job was aborted");
        }
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public int run(List<String> command) {
        throw new UnsupportedOperationException("a node runs no command through the controller's step");
    }

    @Override
    public StepContext with(Path directory, Map<String, String> environment) {
        return this;
    }
}
