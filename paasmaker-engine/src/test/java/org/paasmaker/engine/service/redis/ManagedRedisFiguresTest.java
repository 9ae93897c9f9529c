package org.paasmaker.engine.service.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paasmaker.engine.service.server.ServerFigures.idleMemory;
import static org.paasmaker.engine.service.server.ServerFigures.makeAndRemove;
import static org.paasmaker.engine.service.server.ServerFigures.max;
import static org.paasmaker.engine.service.server.ServerFigures.median;
import static org.paasmaker.engine.service.server.ServerFigures.millis;
import static org.paasmaker.engine.service.server.ServerFigures.nanos;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.service.server.PluginHome;
import org.paasmaker.engine.service.server.ServerFigures.Memory;
import org.paasmaker.engine.service.server.ServerFigures.Rounds;

/**
 * The figures of docs/benchmarks.md, printed, not asserted (the machine is shared): making a Redis
 * service (its own redis-server started and answering), the cold start of an existing one, removing
 * one, and a server's memory idle next to one on Debian's /etc/redis/redis.conf.
 */
class ManagedRedisFiguresTest {

    private static final int ROUNDS = 10;

    @Test
    void printTheManagedServersFigures() throws Exception {
        try (PluginHome<RedisServiceProvider> home = PluginHome.init("redis-figures", new RedisServiceProvider(),
                Map.of("ports", RedisPorts.ofThisRun(30)))) {
            RedisServiceProvider provider = home.provider();
            Service service = provider.create(null);
            Rounds rounds = makeAndRemove(service, "cache", ROUNDS);
            ServiceRequest request = PluginHome.request(99, "kept");
            PluginParameters kept = service.provision(request, Optional.empty());
            String name = kept.string("name");
            Memory idle = idleMemory(provider.server().process(name).orElseThrow().pid());
            provider.server().stop(name, Duration.ofSeconds(10));
            long coldStart = nanos(() -> service.provision(request, Optional.of(kept)));

            Memory debian;
            Path dir = Files.createTempDirectory("paasmaker-redis-debian-");
            int debianPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                debianPort = probe.getLocalPort();
            }
            Process process = new ProcessBuilder("/usr/bin/redis-server", "/etc/redis/redis.conf", "--port",
                    Integer.toString(debianPort), "--daemonize", "no", "--logfile", "", "--pidfile", "",
                    "--dir", dir.toString(), "--supervised", "no").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").toFile()).start();
            try {
                // A loaded machine may take a while; one that cannot start says why in its log.
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()
                        || Files.readString(dir.resolve("log")).contains("Ready to accept connections"));
                assertThat(Files.readString(dir.resolve("log"))).as("Debian's redis-server on port %d", debianPort)
                        .contains("Ready to accept connections");
                debian = idleMemory(process.pid());
            } finally {
                process.destroy();
                process.waitFor();
                Directories.deleteTree(dir);
            }

            System.out.printf("managed Redis: make a service (folder + redis-server answering): median %d ms, max %d ms;"
                    + " remove: median %d ms (%d rounds); cold start of an existing one %d ms%n",
                    millis(median(rounds.makes())), millis(max(rounds.makes())), millis(median(rounds.removes())),
                    ROUNDS, millis(coldStart));
            System.out.printf("idle memory of one service's server (maxmemory 32mb, append-only): %s%n", idle);
            System.out.printf("idle memory of a server on Debian's /etc/redis/redis.conf: %s%n", debian);
            assertThat(rounds.makes()).hasSize(ROUNDS);
            service.remove(request, kept);
        }
    }
}
