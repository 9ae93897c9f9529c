package org.paasmaker.engine.service;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceProvider;

/** {@code paasmaker.service.filesystem}. */
public final class FilesystemServiceProvider implements ServiceProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SERVICE_FILESYSTEM;
    }

    @Override
    public Service create(PluginContext context) {
        return new FilesystemService(context.dataDirectory());
    }
}
