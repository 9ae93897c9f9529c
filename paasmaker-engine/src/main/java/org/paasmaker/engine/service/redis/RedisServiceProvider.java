package org.paasmaker.engine.service.redis;

import java.util.List;
import java.util.function.Consumer;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.engine.service.server.ServerServiceProvider;

/**
 * {@code paasmaker.service.managedredis}: as the original's, one redis-server per application service,
 * run by the platform. Its settings are {@code PAASMAKER_SERVICE_MANAGEDREDIS_*}, listed in
 * {@link RedisSettings#DECLARED}.
 */
public final class RedisServiceProvider extends ServerServiceProvider<RedisServers> {

    public static final String ID = "paasmaker.service.managedredis";

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
    protected RedisServers open(PluginSettings settings, Consumer<String> warnings) {
        return new RedisServers(RedisSettings.from(settings), warnings);
    }

    @Override
    protected Service serviceOn(RedisServers server) {
        return new RedisService(server);
    }
}
