package org.paasmaker.engine.service.postgres;

/** An operator's server: the plugin only connects to it as the admin the settings name. */
final class ExternalPostgres implements PostgresServer {

    private final PostgresSettings settings;
    private final AdminConnection admin;

    ExternalPostgres(PostgresSettings settings) {
        this.settings = settings;
        this.admin = new AdminConnection(settings.host().orElseThrow(), settings.port(), settings.adminDatabase(),
                settings.adminUser(), () -> settings.adminPassword().orElseThrow());
    }

    @Override
    public <T> T asAdmin(AdminConnection.Work<T> work) {
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
    public PostgresBinaries clients() {
        return PostgresBinaries.clients(settings.binaries());
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
