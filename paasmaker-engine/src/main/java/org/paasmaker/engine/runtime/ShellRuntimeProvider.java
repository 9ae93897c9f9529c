package org.paasmaker.engine.runtime;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.runtime.RuntimeProvider;

/** {@code paasmaker.runtime.shell}: any command, version "1". */
public final class ShellRuntimeProvider implements RuntimeProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.RUNTIME_SHELL;
    }

    @Override
    public Runtime create(PluginContext context) {
        return new ShellRuntime();
    }
}
