package org.paasmaker.engine.service.mysql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The plugin in external mode, on a second MariaDB server the test runs itself, given by address and admin password. */
class ExternalMysqlTest extends MysqlServiceContract {

    private TestMariadbServer server;

    @Override
    protected Map<String, String> settings(Path home) throws Exception {
        server = TestMariadbServer.start();
        return Map.of("mode", "external", "host", "127.0.0.1", "port", Integer.toString(server.port()),
                "admin_user", TestMariadbServer.ADMIN, "admin_password", server.password());
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
