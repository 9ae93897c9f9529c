package org.paasmaker.api.service;

import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginProvider;

/** Makes the {@link Service} of one service plugin ({@code paasmaker.service.parameters}, ...). */
public interface ServiceProvider extends PluginProvider {

    Service create(PluginContext context);
}
