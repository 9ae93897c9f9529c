package org.paasmaker.api.plugin;

import java.util.List;

/**
 * What every plugin factory has: the descriptor it is registered under, and a life as long as the
 * engine's, in the manner of Keycloak's provider factories. Each role extends it with a
 * {@code create(PluginContext)} that makes the plugin's working object once per engine.
 *
 * <p>The engine calls {@link #init(PluginSettings)} once, before anything else, with the operator's
 * settings for this plugin (checked against {@link #settings()}); {@link #maintain()} on every round
 * of its health checks; and {@link #close()} once when it closes. All three do nothing by default, so
 * a plugin that needs no settings and holds nothing open implements none of them.
 */
public interface PluginProvider {

    PluginDescriptor descriptor();

    /**
     * The settings an operator may give this plugin for the whole platform (not per manifest: an
     * admin URL, a port), with their types, defaults and help. The engine refuses a setting the
     * plugin does not declare, or one of the wrong type, naming the plugin and the key. Each is also
     * read from the environment variable {@link PluginSettings#variable(String, String)} names.
     */
    default List<PluginParameter> settings() {
        return List.of();
    }

    /** Reads the settings and sets up what the plugin shares between uses; called once per engine. */
    default void init(PluginSettings settings) {
    }

    /**
     * Called on every round of the engine's health checks (about once a second): a plugin that runs
     * processes of its own restarts those that died. It must return quickly when there is nothing to do.
     */
    default void maintain() {
    }

    /**
     * Releases what the plugin opened (connections, threads); called once when the engine closes.
     * Processes that serve applications (a database server) may outlive the engine, as instances do.
     */
    default void close() {
    }
}
