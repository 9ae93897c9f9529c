package org.paasmaker.engine.prepare;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.prepare.CommandStep;
import org.paasmaker.api.prepare.CommandStepProvider;

/** {@code paasmaker.prepare.shell}. */
public final class ShellPrepareStepProvider implements CommandStepProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.PREPARE_SHELL;
    }

    @Override
    public CommandStep create(PluginContext context) {
        return new ShellScriptStep(context.dataDirectory(), "prepare");
    }
}
