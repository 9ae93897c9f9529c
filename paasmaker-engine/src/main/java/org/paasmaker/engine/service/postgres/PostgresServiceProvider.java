package org.paasmaker.engine.service.postgres;

import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceProvider;
import org.paasmaker.engine.service.server.ServerMode;

/**
 * {@code paasmaker.service.postgres}: a PostgreSQL database and role per application service, on the
 * platform's own server (managed, the default) or an operator's (external). Its settings are
 * {@code PAASMAKER_SERVICE_POSTGRES_*}, listed in {@link PostgresSettings#DECLARED}.
 */
public final class PostgresServiceProvider implements ServiceProvider {

    public static final String ID = "paasmaker.service.postgres";

    private PostgresServer server;

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SERVICE_POSTGRES;
    }

    @Override
    public List<PluginParameter> settings() {
        return PostgresSettings.DECLARED;
    }

    /** Reads the settings; a managed server an earlier engine left running is adopted, none is started. */
    @Override
    public void init(PluginSettings settings) {
        PostgresSettings postgres = PostgresSettings.from(settings);
        server = postgres.mode() == ServerMode.MANAGED
                ? new ManagedPostgres(postgres, PostgresServiceProvider::warn)
                : new ExternalPostgres(postgres);
    }

    @Override
    public Service create(PluginContext context) {
        return new PostgresService(server());
    }

    @Override
    public void maintain() {
        if (server != null) {
            server.maintain();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** The server the plugin works on; for tests in this package. */
    PostgresServer server() {
        if (server == null) {
            throw new IllegalStateException(ID + " was not initialised");
        }
        return server;
    }

    private static void warn(String message) {
        System.getLogger(PostgresServiceProvider.class.getName()).log(System.Logger.Level.WARNING, message);
    }
}
