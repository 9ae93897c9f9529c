package org.paasmaker.engine.service.server;

import java.util.function.Consumer;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceProvider;

/**
 * A service plugin backed by servers: {@link #init} opens them from the settings (adopting a managed
 * one an earlier engine left running, starting none), the health round's {@link #maintain} starts again
 * one that died, {@link #close} releases what the plugin holds, and each service works on them.
 *
 * @param <S> what the plugin works on
 */
public abstract class ServerServiceProvider<S extends ServiceServer> implements ServiceProvider {

    private S server;

    /** The server(s) the settings name, their warnings in words for an operator. */
    protected abstract S open(PluginSettings settings, Consumer<String> warnings);

    /** A service on them. */
    protected abstract Service serviceOn(S server);

    @Override
    public final void init(PluginSettings settings) {
        server = open(settings, this::warn);
    }

    @Override
    public final Service create(PluginContext context) {
        return serviceOn(server());
    }

    @Override
    public final void maintain() {
        if (server != null) {
            server.maintain();
        }
    }

    @Override
    public final void close() {
        if (server != null) {
            server.close();
        }
    }

    /** What the plugin works on, once initialised. */
    public final S server() {
        if (server == null) {
            throw new IllegalStateException(descriptor().name() + " was not initialised");
        }
        return server;
    }

    private void warn(String message) {
        System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, message);
    }
}
