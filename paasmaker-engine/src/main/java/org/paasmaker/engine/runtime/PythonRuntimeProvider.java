package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.runtime.Runtime;

/** {@code paasmaker.runtime.python}: the pythons on the PATH and those pyenv installed. */
public final class PythonRuntimeProvider extends InstalledRuntimeProvider {

    public PythonRuntimeProvider() {
        super(BuiltinPlugins.RUNTIME_PYTHON, "/opt/python");
    }

    @Override
    Runtime create(Path home) {
        return new ExecutableRuntime(
                List.of("python3", "python3.8", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13",
                        "python3.14", "python"),
                roots(List.of(home.resolve(".pyenv/versions"))), "bin/python");
    }
}
