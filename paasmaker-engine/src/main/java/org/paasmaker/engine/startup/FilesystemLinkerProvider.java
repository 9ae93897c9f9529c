package org.paasmaker.engine.startup;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.prepare.CommandStep;
import org.paasmaker.api.prepare.CommandStepProvider;

/** {@code paasmaker.startup.filesystemlinker}: links an instance's directories into its filesystem service. */
public final class FilesystemLinkerProvider implements CommandStepProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.STARTUP_FILESYSTEMLINKER;
    }

    @Override
    public CommandStep create(PluginContext context) {
        return new FilesystemLinker();
    }
}
