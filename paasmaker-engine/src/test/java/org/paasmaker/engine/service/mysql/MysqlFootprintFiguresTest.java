package org.paasmaker.engine.service.mysql;

import static org.paasmaker.engine.service.server.ServerFigures.idleMemory;
import static org.paasmaker.engine.service.server.ServerFigures.smallLoad;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.ProcessesUnder;
import org.paasmaker.engine.internal.Directories;

/**
 * Issue 20's figures for the managed MariaDB server, printed, not asserted: the memory of the
 * mariadbd process idle after a start, with a small application's connections open after
 * a few hundred inserts and selects, and idle again once they closed. Skipped unless
 * {@code -Dpaasmaker.figures=true}; {@code bench/services-footprint.sh} runs it.
 */
@EnabledIfSystemProperty(named = "paasmaker.figures", matches = "true")
class MysqlFootprintFiguresTest {

    private static final int CONNECTIONS = 4;
    private static final int ROWS = Integer.getInteger("paasmaker.figures.rows", 500);

    @Test
    void printTheManagedServersMemory() throws Exception {
        Path home = Files.createTempDirectory("paasmaker-mysql-footprint-");
        MysqlServiceProvider provider = new MysqlServiceProvider();
        try {
            provider.init(PluginSettings.of(MysqlServiceProvider.ID, provider.settings(), Map.of("port", "0"), home));
            ManagedMariadb server = (ManagedMariadb) provider.server();
            server.ensureRunning();
            server.stop(Duration.ofSeconds(10));
            server.ensureRunning();
            long pid = server.process().orElseThrow().pid();
            System.out.printf("managed MariaDB footprint, idle after a start: %s%n", idleMemory(pid));

            PluginParameters credentials = provider.create(null).provision(new ServiceRequest(new ApplicationId(1),
                    "figures", "test", "db", PluginParameters.empty()), Optional.empty());
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    connections.add(MariadbConnection.open(credentials.string("hostname"),
                            (int) credentials.integer("port"), credentials.string("database"),
                            credentials.string("username"), credentials.string("password"), 5, 30));
                }
                smallLoad(connections, ROWS);
                System.out.printf("managed MariaDB footprint, %d connections open after %d inserts and %d selects:"
                        + " %s%n", CONNECTIONS, ROWS, ROWS, idleMemory(pid));
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
            System.out.printf("managed MariaDB footprint, idle again, the connections closed: %s%n",
                    idleMemory(pid));
            server.stop(Duration.ofSeconds(10));
        } finally {
            provider.close();
            ProcessesUnder.kill(home);
            Directories.deleteTree(home);
        }
    }
}
