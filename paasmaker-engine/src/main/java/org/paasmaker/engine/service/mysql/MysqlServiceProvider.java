package org.paasmaker.engine.service.mysql;

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
 * {@code paasmaker.service.mysql}: a MySQL database and user per application service, on the
 * platform's own MariaDB server (managed, the default) or an operator's (external). Its settings are
 * {@code PAASMAKER_SERVICE_MYSQL_*}, listed in {@link MysqlSettings#DECLARED}.
 */
public final class MysqlServiceProvider extends ServerServiceProvider<MysqlServer> {

    public static final String ID = "paasmaker.service.mysql";

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.SERVICE_MYSQL;
    }

    @Override
    public List<PluginParameter> settings() {
        return MysqlSettings.DECLARED;
    }

    /** Reads the settings; a managed server an earlier engine left running is adopted, none is started. */
    @Override
    protected MysqlServer open(PluginSettings settings, Consumer<String> warnings) {
        MysqlSettings mysql = MysqlSettings.from(settings);
        return mysql.mode() == ServerMode.MANAGED
                ? new ManagedMariadb(mysql, warnings) : new ExternalMysql(mysql);
    }

    @Override
    protected Service serviceOn(MysqlServer server) {
        return new MysqlService(server);
    }
}
