package org.paasmaker.engine.service.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paasmaker.engine.service.server.ServerFigures.idleMemory;
import static org.paasmaker.engine.service.server.ServerFigures.median;
import static org.paasmaker.engine.service.server.ServerFigures.millis;
import static org.paasmaker.engine.service.server.ServerFigures.nanos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.service.server.ServerFigures.Memory;

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
        Path home = Files.createTempDirectory("paasmaker-postgres-figures-");
        PostgresServiceProvider provider = new PostgresServiceProvider();
        try {
            provider.init(PluginSettings.of(PostgresServiceProvider.ID, provider.settings(), Map.of("port", "0"), home));
            ManagedPostgres server = (ManagedPostgres) provider.server();

            long firstStart = nanos(server::ensureRunning);
            server.stop(Duration.ofSeconds(10));
            long coldStart = nanos(server::ensureRunning);
            Memory idle = idleMemory(server.process().orElseThrow().pid());

            Service service = provider.create(null);
            List<Long> creates = new ArrayList<>();
            List<Long> drops = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                ServiceRequest request = new ServiceRequest(new org.paasmaker.api.application.ApplicationId(i + 1),
                        "figures", "test", "db" + i, PluginParameters.empty());
                PluginParameters[] made = new PluginParameters[1];
                creates.add(nanos(() -> made[0] = service.provision(request, Optional.empty())));
                drops.add(nanos(() -> service.remove(request, made[0])));
            }
            Memory used = idleMemory(server.process().orElseThrow().pid());
            Memory defaults;
            try (TestPostgresServer debian = TestPostgresServer.start(List.of())) {
                defaults = idleMemory(debian.pid());
            }

            System.out.printf("managed PostgreSQL: first start (initdb + start) %d ms; start of its existing"
                    + " directory %d ms%n", millis(firstStart),
                    millis(coldStart));
            System.out.printf("create database + role: median %d ms, max %d ms; drop: median %d ms (%d rounds)%n",
                    millis(median(creates)), millis(creates.stream().max(Long::compare).orElseThrow()),
                    millis(median(drops)), ROUNDS);
            System.out.printf("idle memory after a start, managed (shared_buffers 16MB, max_connections 50): %s%n", idle);
            System.out.printf("idle memory after a start, initdb's defaults as Debian ships them (128MB, 100): %s%n",
                    defaults);
            System.out.printf("idle memory, managed, after the %d creates and drops, the platform's admin connection"
                    + " open: %s%n", ROUNDS, used);
            assertThat(creates).hasSize(ROUNDS);
            server.stop(Duration.ofSeconds(10));
        } finally {
            provider.close();
            Directories.deleteTree(home);
        }
    }
}
