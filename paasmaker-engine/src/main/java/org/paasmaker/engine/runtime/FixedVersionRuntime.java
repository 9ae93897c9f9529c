package org.paasmaker.engine.runtime;

import java.util.List;
import java.util.Map;
import org.paasmaker.api.runtime.Runtime;

/**
 * A runtime with nothing to choose between: the shell and static runtimes advertise version "1", as
 * in the original Paasmaker, and leave the environment as it is.
 */
final class FixedVersionRuntime implements Runtime {

    static final String VERSION = "1";

    @Override
    public List<String> versions() {
        return List.of(VERSION);
    }

    @Override
    public Map<String, String> environment(String version, Map<String, String> base) {
        return base;
    }
}
