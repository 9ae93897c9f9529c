package org.paasmaker.engine.source;

import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.source.Source;
import org.paasmaker.api.source.SourceProvider;

/** {@code paasmaker.scm.git}: a git repository, by URL or path. */
public final class GitSourceProvider implements SourceProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SCM_GIT;
    }

    @Override
    public Source create(PluginContext context) {
        return new GitSource();
    }
}
