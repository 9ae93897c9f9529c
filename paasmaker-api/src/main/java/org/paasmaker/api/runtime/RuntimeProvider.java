package org.paasmaker.api.runtime;

import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginProvider;

/** Makes the {@link Runtime} of one runtime plugin ({@code paasmaker.runtime.java}, ...). */
public interface RuntimeProvider extends PluginProvider {

    Runtime create(PluginContext context);
}
