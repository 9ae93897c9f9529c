package org.paasmaker.engine.source;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.source.Source;
import org.paasmaker.api.source.SourceProvider;

/** {@code paasmaker.scm.tarball}: a .tar.gz or .tgz archive. */
public final class TarballSourceProvider implements SourceProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SCM_TARBALL;
    }

    @Override
    public Source create(PluginContext context) {
        return new ArchiveSource(ArchiveSource.Format.TAR_GZ);
    }
}
