package org.paasmaker.engine.source;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.source.Source;
import org.paasmaker.api.source.SourceProvider;

/** {@code paasmaker.scm.directory}: a directory on the server. */
public final class DirectorySourceProvider implements SourceProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SCM_DIRECTORY;
    }

    @Override
    public Source create(PluginContext context) {
        return new DirectorySource();
    }
}
