package org.paasmaker.engine.service.postgres;

import static org.paasmaker.engine.service.server.ServerFigures.idleMemory;
import static org.paasmaker.engine.service.server.ServerFigures.startTwice;
import static org.paasmaker.engine.service.server.ServerFigures.withSmallLoad;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.engine.service.server.PluginHome;

/**
 * Issue 20's figures for the managed PostgreSQL server, printed, not asserted: the memory of the
 * postmaster and its processes idle after a start, with a small application's connections open after
 * a few hundred inserts and selects, idle again once they closed, and once the upkeep closed the
 * platform's idle admin connection too. Skipped unless
 * {@code -Dpaasmaker.figures=true}; {@code bench/services-footprint.sh} runs it.
 */
@EnabledIfSystemProperty(named = "paasmaker.figures", matches = "true")
class PostgresFootprintFiguresTest {

    private static final int CONNECTIONS = 4;
    private static final int ROWS = Integer.getInteger("paasmaker.figures.rows", 500);

    @Test
    void printTheManagedServersMemory() throws Exception {
        try (PluginHome<PostgresServiceProvider> home = PluginHome.init("postgres-footprint",
                new PostgresServiceProvider(), Map.of("port", "0"))) {
            ManagedPostgres server = (ManagedPostgres) home.managedServer();
            startTwice(server);
            long pid = server.process().orElseThrow().pid();
            System.out.printf("managed PostgreSQL footprint, idle after a start: %s%n", idleMemory(pid));

            PluginParameters credentials = home.provider().create(null).provision(PluginHome.request(1, "db"),
                    Optional.empty());
            System.out.printf("managed PostgreSQL footprint, %d connections open after %d inserts and %d selects:"
                    + " %s%n", CONNECTIONS, ROWS, ROWS, withSmallLoad(pid, CONNECTIONS, ROWS,
                            () -> PostgresServiceContract.connect(credentials, credentials.string("database"))));
            System.out.printf("managed PostgreSQL footprint, idle again, the connections closed: %s%n",
                    idleMemory(pid));
            // What the upkeep does once the platform's admin connection has been idle a minute.
            server.closeAdminIdleFor(Duration.ZERO);
            System.out.printf("managed PostgreSQL footprint, idle, the platform's admin connection closed too: %s%n",
                    idleMemory(pid));
            String sharedMemory = server.asAdmin(connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SHOW shared_memory_size")) {
                    rows.next();
                    return rows.getString(1);
                }
            });
            System.out.printf("managed PostgreSQL footprint, its shared memory (shared_memory_size): %s%n",
                    sharedMemory);
        }
    }
}
