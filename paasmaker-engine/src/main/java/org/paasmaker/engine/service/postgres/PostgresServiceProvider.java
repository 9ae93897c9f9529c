package org.paasmaker.engine.service.postgres;

import java.util.List;
import java.util.function.Consumer;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.engine.service.server.ServerMode;
import org.paasmaker.engine.service.server.ServerServiceProvider;

/**
 * {@code paasmaker.service.postgres}: a PostgreSQL database and role per application service, on the
 * platform's own server (managed, the default) or an operator's (external). Its settings are
 * {@code PAASMAKER_SERVICE_POSTGRES_*}, listed in {@link PostgresSettings#DECLARED}.
 */
public final class PostgresServiceProvider extends ServerServiceProvider<PostgresServer> {

    public static final String ID = "paasmaker.service.postgres";

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
    protected PostgresServer open(PluginSettings settings, Consumer<String> warnings) {
        PostgresSettings postgres = PostgresSettings.from(settings);
        return postgres.mode() == ServerMode.MANAGED
                ? new ManagedPostgres(postgres, warnings) : new ExternalPostgres(postgres);
    }

    @Override
    protected Service serviceOn(PostgresServer server) {
        return new PostgresService(server);
    }
}
