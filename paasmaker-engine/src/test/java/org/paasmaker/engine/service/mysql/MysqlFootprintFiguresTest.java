package org.paasmaker.engine.service.mysql;

import static org.paasmaker.engine.service.server.ServerFigures.idleMemory;
import static org.paasmaker.engine.service.server.ServerFigures.startTwice;
import static org.paasmaker.engine.service.server.ServerFigures.withSmallLoad;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.engine.service.server.PluginHome;

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
        try (PluginHome<MysqlServiceProvider> home = PluginHome.init("mysql-footprint", new MysqlServiceProvider(),
                Map.of("port", "0"))) {
            startTwice(home.managedServer());
            long pid = home.managedServer().process().orElseThrow().pid();
            System.out.printf("managed MariaDB footprint, idle after a start: %s%n", idleMemory(pid));

            PluginParameters credentials = home.provider().create(null).provision(PluginHome.request(1, "db"),
                    Optional.empty());
            System.out.printf("managed MariaDB footprint, %d connections open after %d inserts and %d selects: %s%n",
                    CONNECTIONS, ROWS, ROWS, withSmallLoad(pid, CONNECTIONS, ROWS,
                            () -> MysqlServiceContract.connect(credentials, credentials.string("database"))));
            System.out.printf("managed MariaDB footprint, idle again, the connections closed: %s%n",
                    idleMemory(pid));
        }
    }
}
