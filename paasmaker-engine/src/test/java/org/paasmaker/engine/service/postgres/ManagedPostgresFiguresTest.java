package org.paasmaker.engine.service.postgres;

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
 * The figures of docs/benchmarks.md, printed, not asserted (the machine is shared): the managed
 * server's first start (initdb included) and its start on an existing directory, creating and dropping
 * a database and role, and its memory when idle next to a server on initdb's defaults (which are
 * also Debian's: shared_buffers 128MB, max_connections 100).
 */
class ManagedPostgresFiguresTest {

    private static final int ROUNDS = 10;

    @Test
    void printTheManagedServersFigures() throws Exception {
        try (PluginHome<PostgresServiceProvider> home = PluginHome.init("postgres-figures",
                new PostgresServiceProvider(), Map.of("port", "0"))) {
            ManagedServer server = home.managedServer();
            Starts starts = startTwice(server);
            Memory idle = idleMemory(server.process().orElseThrow().pid());

            Rounds rounds = makeAndRemove(home.provider().create(null), "db", ROUNDS);
            Memory used = idleMemory(server.process().orElseThrow().pid());
            Memory defaults;
            try (TestPostgresServer debian = TestPostgresServer.start(List.of())) {
                defaults = idleMemory(debian.pid());
            }

            System.out.printf("managed PostgreSQL: first start (initdb + start) %d ms; start of its existing"
                    + " directory %d ms%n", millis(starts.firstNanos()), millis(starts.againNanos()));
            System.out.printf("create database + role: median %d ms, max %d ms; drop: median %d ms (%d rounds)%n",
                    millis(median(rounds.makes())), millis(max(rounds.makes())), millis(median(rounds.removes())),
                    ROUNDS);
            System.out.printf("idle memory after a start, managed (shared_buffers 16MB, max_connections 50): %s%n", idle);
            System.out.printf("idle memory after a start, initdb's defaults as Debian ships them (128MB, 100): %s%n",
                    defaults);
            System.out.printf("idle memory, managed, after the %d creates and drops, the platform's admin connection"
                    + " open: %s%n", ROUNDS, used);
            assertThat(rounds.makes()).hasSize(ROUNDS);
        }
    }
}
