package org.paasmaker.api.plugin;

/**
 * What every plugin factory has: the descriptor it is registered under. Each role extends it with a
 * {@code create(PluginContext)} that makes the plugin's working object once per engine.
 */
public interface PluginProvider {

    PluginDescriptor descriptor();
}
