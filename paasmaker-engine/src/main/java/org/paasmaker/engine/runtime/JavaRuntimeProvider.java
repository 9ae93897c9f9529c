package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.runtime.RuntimeProvider;

/** {@code paasmaker.runtime.java}: the JDKs under {@code /usr/lib/jvm} and the engine's own. */
public final class JavaRuntimeProvider implements RuntimeProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.RUNTIME_JAVA;
    }

    @Override
    public Runtime create(PluginContext context) {
        return new JavaRuntime(List.of(Path.of("/usr/lib/jvm")), Path.of(System.getProperty("java.home")));
    }
}
