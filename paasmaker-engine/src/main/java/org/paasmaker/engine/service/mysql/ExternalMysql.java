package org.paasmaker.engine.service.mysql;

/** An operator's server: the plugin only connects to it as the admin the settings name. */
final class ExternalMysql implements MysqlServer {

    private final MysqlSettings settings;
    private final MariadbConnection admin;

    ExternalMysql(MysqlSettings settings) {
        this.settings = settings;
        this.admin = new MariadbConnection(settings.host().orElseThrow(), settings.port(), settings.adminUser(),
                () -> settings.adminPassword().orElseThrow());
    }

    @Override
    public <T> T asAdmin(MariadbConnection.Work<T> work) {
        return admin.use(work);
    }

    @Override
    public String hostname() {
        return settings.hostname();
    }

    @Override
    public int port() {
        return settings.port();
    }

    @Override
    public String host() {
        return settings.host().orElseThrow();
    }

    @Override
    public MariadbBinaries.Clients clients() {
        return MariadbBinaries.clients(settings.binaries());
    }

    @Override
    public void maintain() {
        // The operator runs this server.
    }

    @Override
    public void close() {
        admin.close();
    }
}
