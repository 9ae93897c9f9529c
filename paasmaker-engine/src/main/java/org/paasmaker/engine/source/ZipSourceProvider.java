package org.paasmaker.engine.source;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.source.Source;
import org.paasmaker.api.source.SourceProvider;

/** {@code paasmaker.scm.zip}: a .zip archive. */
public final class ZipSourceProvider implements SourceProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SCM_ZIP;
    }

    @Override
    public Source create(PluginContext context) {
        return new ArchiveSource(ArchiveSource.Format.ZIP);
    }
}
