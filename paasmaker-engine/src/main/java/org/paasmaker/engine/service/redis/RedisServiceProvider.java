package org.paasmaker.engine.service.redis;

import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceProvider;

/**
 * {@code paasmaker.service.managedredis}: as the original's, one redis-server per application service,
 * run by the platform. Its settings are {@code PAASMAKER_SERVICE_MANAGEDREDIS_*}, listed in
 * {@link RedisSettings#DECLARED}.
 */
public final class RedisServiceProvider implements ServiceProvider {

    public static final String ID = "paasmaker.service.managedredis";

    private RedisServers servers;

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SERVICE_MANAGEDREDIS;
    }

    @Override
    public List<PluginParameter> settings() {
        return RedisSettings.DECLARED;
    }

    /** Reads the settings; servers an earlier engine left running are the plugin's again, none is started. */
    @Override
    public void init(PluginSettings settings) {
        servers = new RedisServers(RedisSettings.from(settings), RedisServiceProvider::warn);
    }

    @Override
    public Service create(PluginContext context) {
        return new RedisService(servers());
    }

    /** Starts again every service's server that died. */
    @Override
    public void maintain() {
        if (servers != null) {
            servers.maintain();
        }
    }

    /** Nothing to release: the servers run on, for the next engine. */
    @Override
    public void close() {
        // The servers outlive the engine, as instances do.
    }

    /** The servers the plugin runs; for tests in this package. */
    RedisServers servers() {
        if (servers == null) {
            throw new IllegalStateException(ID + " was not initialised");
        }
        return servers;
    }

    private static void warn(String message) {
        System.getLogger(RedisServiceProvider.class.getName()).log(System.Logger.Level.WARNING, message);
    }
}
