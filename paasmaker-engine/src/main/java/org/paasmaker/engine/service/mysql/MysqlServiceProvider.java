package org.paasmaker.engine.service.mysql;

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
 * {@code paasmaker.service.mysql}: a MySQL database and user per application service, on the
 * platform's own MariaDB server (managed, the default) or an operator's (external). Its settings are
 * {@code PAASMAKER_SERVICE_MYSQL_*}, listed in {@link MysqlSettings#DECLARED}.
 */
public final class MysqlServiceProvider implements ServiceProvider {

    public static final String ID = "paasmaker.service.mysql";

    private MysqlServer server;

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
    public void init(PluginSettings settings) {
        MysqlSettings mysql = MysqlSettings.from(settings);
        server = mysql.mode() == ServerMode.MANAGED
                ? new ManagedMariadb(mysql, MysqlServiceProvider::warn)
                : new ExternalMysql(mysql);
    }

    @Override
    public Service create(PluginContext context) {
        return new MysqlService(server());
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
    MysqlServer server() {
        if (server == null) {
            throw new IllegalStateException(ID + " was not initialised");
        }
        return server;
    }

    private static void warn(String message) {
        System.getLogger(MysqlServiceProvider.class.getName()).log(System.Logger.Level.WARNING, message);
    }
}
