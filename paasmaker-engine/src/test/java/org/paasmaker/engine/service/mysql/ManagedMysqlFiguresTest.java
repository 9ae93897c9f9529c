package org.paasmaker.engine.service.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paasmaker.engine.service.server.ServerFigures.idleMemory;
import static org.paasmaker.engine.service.server.ServerFigures.makeAndRemove;
import static org.paasmaker.engine.service.server.ServerFigures.max;
import static org.paasmaker.engine.service.server.ServerFigures.median;
import static org.paasmaker.engine.service.server.ServerFigures.millis;
import static org.paasmaker.engine.service.server.ServerFigures.startTwice;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paasmaker.engine.service.server.ManagedServer;
import org.paasmaker.engine.service.server.PluginHome;
import org.paasmaker.engine.service.server.ServerFigures.Memory;
import org.paasmaker.engine.service.server.ServerFigures.Rounds;
import org.paasmaker.engine.service.server.ServerFigures.Starts;

/**
 * The figures of docs/benchmarks.md, printed, not asserted (the machine is shared): the managed MariaDB
 * server's first start (mariadb-install-db included) and its start on an existing directory, creating
 * and dropping a database and user, and its memory when idle next to a server on Debian's
 * configuration (MariaDB's built-in sizes: innodb_buffer_pool_size 128M, max_connections 151).
 */
class ManagedMysqlFiguresTest {

    private static final int ROUNDS = 10;

    @Test
    void printTheManagedServersFigures() throws Exception {
        try (PluginHome<MysqlServiceProvider> home = PluginHome.init("mysql-figures", new MysqlServiceProvider(),
                Map.of("port", "0"))) {
            ManagedServer server = home.managedServer();
            Starts starts = startTwice(server);
            Memory idle = idleMemory(server.process().orElseThrow().pid());

            Rounds rounds = makeAndRemove(home.provider().create(null), "db", ROUNDS);
            Memory used = idleMemory(server.process().orElseThrow().pid());
            Memory defaults;
            try (TestMariadbServer debian = TestMariadbServer.start(List.of())) {
                defaults = idleMemory(debian.pid());
            }

            System.out.printf("managed MariaDB: first start (mariadb-install-db + start) %d ms; start of its"
                    + " existing directory %d ms%n", millis(starts.firstNanos()), millis(starts.againNanos()));
            System.out.printf("create database + user: median %d ms, max %d ms; drop: median %d ms (%d rounds)%n",
                    millis(median(rounds.makes())), millis(max(rounds.makes())), millis(median(rounds.removes())),
                    ROUNDS);
            System.out.printf("idle memory after a start, managed (innodb_buffer_pool_size 16M, max_connections 50):"
                    + " %s%n", idle);
            System.out.printf("idle memory after a start, Debian's configuration (128M, 151): %s%n", defaults);
            System.out.printf("idle memory, managed, after the %d creates and drops, the platform's admin connection"
                    + " open: %s%n", ROUNDS, used);
            assertThat(rounds.makes()).hasSize(ROUNDS);
        }
    }
}
