package org.paasmaker.engine.service.mysql;

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
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.service.server.ServerFigures.Memory;

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
        Path home = Files.createTempDirectory("paasmaker-mysql-figures-");
        MysqlServiceProvider provider = new MysqlServiceProvider();
        try {
            provider.init(PluginSettings.of(MysqlServiceProvider.ID, provider.settings(), Map.of("port", "0"), home));
            ManagedMariadb server = (ManagedMariadb) provider.server();

            long firstStart = nanos(server::ensureRunning);
            server.stop(Duration.ofSeconds(10));
            long coldStart = nanos(server::ensureRunning);
            Memory idle = idleMemory(server.process().orElseThrow().pid());

            Service service = provider.create(null);
            List<Long> creates = new ArrayList<>();
            List<Long> drops = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                ServiceRequest request = new ServiceRequest(new ApplicationId(i + 1), "figures", "test", "db" + i,
                        PluginParameters.empty());
                PluginParameters[] made = new PluginParameters[1];
                creates.add(nanos(() -> made[0] = service.provision(request, Optional.empty())));
                drops.add(nanos(() -> service.remove(request, made[0])));
            }
            Memory used = idleMemory(server.process().orElseThrow().pid());
            Memory defaults;
            try (TestMariadbServer debian = TestMariadbServer.start(List.of())) {
                defaults = idleMemory(debian.pid());
            }

            System.out.printf("managed MariaDB: first start (mariadb-install-db + start) %d ms; start of its"
                    + " existing directory %d ms%n", millis(firstStart), millis(coldStart));
            System.out.printf("create database + user: median %d ms, max %d ms; drop: median %d ms (%d rounds)%n",
                    millis(median(creates)), millis(creates.stream().max(Long::compare).orElseThrow()),
                    millis(median(drops)), ROUNDS);
            System.out.printf("idle memory after a start, managed (innodb_buffer_pool_size 16M, max_connections 50):"
                    + " %s%n", idle);
            System.out.printf("idle memory after a start, Debian's configuration (128M, 151): %s%n", defaults);
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
