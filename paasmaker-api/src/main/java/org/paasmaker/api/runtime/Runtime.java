package org.paasmaker.api.runtime;

import java.util.List;
import java.util.Map;

/**
 * A language runtime on this node: which versions it has, and the environment that puts a version's
 * tools first. Import it by name: it hides {@code java.lang.Runtime}.
 */
public interface Runtime {

    /** The versions installed on this node, newest first, as their tools report them ("17.0.15"). */
    List<String> versions();

    /**
     * The environment for a version: {@code base} with the version's tools first on the {@code PATH}
     * (and {@code JAVA_HOME} and the like where the language has them). {@code version} is one of
     * {@link #versions()}.
     */
    Map<String, String> environment(String version, Map<String, String> base);

    /**
     * How to start an instance of this runtime. Failures the user can fix (a launch command that asks
     * for a port a standalone instance does not have) are {@code PaasmakerException}s saying so.
     */
    LaunchPlan launchPlan(LaunchRequest request);
}
