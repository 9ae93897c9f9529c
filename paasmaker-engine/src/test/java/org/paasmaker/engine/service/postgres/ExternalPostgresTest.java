package org.paasmaker.engine.service.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The plugin in external mode, on a server the test runs itself, given to it by address and admin password. */
class ExternalPostgresTest extends PostgresServiceContract {

    private TestPostgresServer server;

    @Override
    protected Map<String, String> settings(Path home) throws Exception {
        server = TestPostgresServer.start();
        return Map.of("mode", "external", "host", "127.0.0.1", "port", Integer.toString(server.port()),
                "admin_user", TestPostgresServer.SUPERUSER, "admin_password", server.password());
    }

    @Override
    protected String serverLog() throws Exception {
        return Files.readString(server.log());
    }

    @Override
    protected void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
