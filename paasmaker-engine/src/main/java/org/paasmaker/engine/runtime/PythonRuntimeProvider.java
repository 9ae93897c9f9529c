package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.runtime.RuntimeProvider;

/** {@code paasmaker.runtime.python}: the pythons on the PATH and those pyenv installed. */
public final class PythonRuntimeProvider implements RuntimeProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.RUNTIME_PYTHON;
    }

    @Override
    public Runtime create(PluginContext context) {
        Path home = Path.of(System.getProperty("user.home"));
        return new ExecutableRuntime(
                List.of("python3", "python3.8", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13",
                        "python3.14", "python"),
                List.of(home.resolve(".pyenv/versions")), "bin/python");
    }
}
