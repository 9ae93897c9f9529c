package org.paasmaker.engine.prepare;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.prepare.CommandStep;
import org.paasmaker.api.prepare.CommandStepProvider;

/** {@code paasmaker.startup.shell}: the same script runner as prepare, run in an instance's directory. */
public final class ShellStartupStepProvider implements CommandStepProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.STARTUP_SHELL;
    }

    @Override
    public CommandStep create(PluginContext context) {
        return new ShellScriptStep(context.dataDirectory(), "startup");
    }
}
