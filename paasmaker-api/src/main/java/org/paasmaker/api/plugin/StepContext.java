package org.paasmaker.api.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a plugin sees while it does one job step: where to work, the environment to use, the step's
 * log and a way to run processes that ends them when the job is aborted.
 */
public interface StepContext {

    /** The directory the step works in: the working copy, or an instance's directory. */
    Path workingDirectory();

    /** The complete environment for processes the step starts. */
    Map<String, String> environment();

    /** Appends a line to the step's log. */
    void log(String line);

    /**
     * Runs a command in {@link #workingDirectory()} with {@link #environment()}, its output and errors
     * appended to the step's log as they come, and waits for it. An aborted job ends the command's whole
     * process tree. Returns the exit code.
     */
    int run(List<String> command);

    /**
     * The same step, working in another directory with another environment: a node runs an
     * instance's startup commands in the instance's own directory, with the instance's environment.
     */
    StepContext with(Path workingDirectory, Map<String, String> environment);

    /** Throws the job's {@code ABORTED} error if it was aborted; long-running plugin code calls it. */
    void checkAborted();
}
