package org.paasmaker.engine.source;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.source.Source;
import org.paasmaker.api.source.SourceProvider;

/**
 * {@code paasmaker.scm.devdirectory}, the original's name for a developer's directory. It copies the
 * directory like {@code paasmaker.scm.directory}: the original used it in place, which let prepare
 * commands change a developer's checkout.
 */
public final class DevDirectorySourceProvider implements SourceProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SCM_DEVDIRECTORY;
    }

    @Override
    public Source create(PluginContext context) {
        return new DirectorySource();
    }
}
