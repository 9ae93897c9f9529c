package org.paasmaker.api.source;

import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginProvider;

/** Makes the {@link Source} of one SCM plugin ({@code paasmaker.scm.git}, ...). */
public interface SourceProvider extends PluginProvider {

    Source create(PluginContext context);
}
