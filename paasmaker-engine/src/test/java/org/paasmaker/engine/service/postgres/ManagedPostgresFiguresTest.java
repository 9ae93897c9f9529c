package org.paasmaker.engine.service.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;

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

    private record Memory(int processes, long rssKb, long pssKb) {
        @Override
        public String toString() {
            return String.format("%d processes, RSS %.1f MB summed, PSS %.1f MB (shared pages counted once)",
                    processes, rssKb / 1024.0, pssKb / 1024.0);
        }
    }

    /** The server's processes after a moment of rest: RSS summed (shared memory counted in each) and PSS. */
    private static Memory idleMemory(long postmaster) throws IOException {
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> pids.add(child.pid())));
        long rss = 0;
        long pss = 0;
        for (long pid : pids) {
            rss += field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
            pss += field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        }
        return new Memory(pids.size(), rss, pss);
    }

    private static long field(Path file, String name) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(name)).findFirst()
                    .map(line -> Long.parseLong(Arrays.stream(line.split("\\s+")).skip(1).findFirst().orElse("0")))
                    .orElse(0L);
        }
    }

    private static long nanos(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
