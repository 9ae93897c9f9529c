package org.paasmaker.engine.runtime;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.runtime.RuntimeProvider;

/** {@code paasmaker.runtime.static}: a document root served as files, version "1". */
public final class StaticRuntimeProvider implements RuntimeProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.RUNTIME_STATIC;
    }

    @Override
    public Runtime create(PluginContext context) {
        return new StaticRuntime();
    }
}
