package org.paasmaker.engine.service.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.ServiceDumps;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.service.server.PluginPerClass;
import org.paasmaker.engine.service.server.RunAs;

/**
 * {@code paasmaker.service.managedredis} with real redis-servers, one per service: the original's
 * credentials, a password required, each server alone on its port and folder, kept for later
 * versions, found again by the next engine, started again when killed (with its data), and gone with
 * the service.
 */
class RedisServiceTest extends PluginPerClass<RedisServiceProvider> {

    RedisServiceTest() {
        super("redis", RedisServiceProvider::new);
    }

    @Override
    protected Map<String, String> settings(Path home) throws IOException {
        return Map.of("ports", RedisPorts.ofThisRun(30));
    }

    /** None of its own: the plugin's servers, one a service, go with the services each test removes. */
    @Override
    protected void stopServer() {
    }

    private static RespClient authenticated(PluginParameters credentials) throws IOException {
        RespClient client = RespClient.connect(credentials);
        assertThat(client.call("AUTH", credentials.string("password"))).isEqualTo("+OK");
        return client;
    }

    @Test
    void theCredentialsAreTheOriginalsAndTheServerWantsThePassword() throws IOException {
        PluginParameters credentials = provision("blog", "cache");

        assertThat(credentials.asMap()).containsOnlyKeys("name", "protocol", "hostname", "port", "password");
        assertThat(credentials.string("protocol")).isEqualTo("redis");
        assertThat(credentials.string("hostname")).isEqualTo("127.0.0.1");
        assertThat(credentials.string("name")).startsWith("blog_cache_");
        assertThat(Base64.getUrlDecoder().decode(credentials.string("password"))).as("at least 128 random bits")
                .hasSizeGreaterThanOrEqualTo(16);
        try (RespClient anonymous = RespClient.connect(credentials)) {
            assertThat(anonymous.call("SET", "k", "v")).startsWith("-NOAUTH");
            assertThat(anonymous.call("AUTH", credentials.string("password") + "x")).startsWith("-WRONGPASS");
        }
        try (RespClient client = authenticated(credentials)) {
            assertThat(client.call("SET", "counter", "41")).isEqualTo("+OK");
            assertThat(client.call("INCR", "counter")).isEqualTo(":42");
            assertThat(client.call("CONFIG", "GET", "bind")).isEqualTo("bind 127.0.0.1");
            assertThat(client.call("CONFIG", "GET", "maxmemory")).isEqualTo("maxmemory " + (32L << 20));
        }
    }

    @Test
    void eachServiceHasAServerPortAndFolderOfItsOwnThatOnlyItsPasswordOpens() throws IOException {
        PluginParameters mine = provision("shop", "cache");
        PluginParameters theirs = provision("forum", "cache");

        assertThat(mine.integer("port")).isNotEqualTo(theirs.integer("port"));
        assertThat(provider.server().process(mine.string("name")))
                .isNotEqualTo(provider.server().process(theirs.string("name")));
        try (RespClient client = RespClient.connect(theirs)) {
            assertThat(client.call("AUTH", mine.string("password"))).startsWith("-WRONGPASS");
        }
        Path folder = provider.server().directory(mine.string("name"));
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(folder.resolve("redis.conf")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        if (RunAs.isRoot()) {
            assertThat(Files.getOwner(folder).getName()).isEqualTo("redis");
        }
    }

    @Test
    void aLaterVersionGetsTheSameServerAndItsData() throws IOException {
        PluginParameters first = provision("wiki", "cache");
        try (RespClient client = authenticated(first)) {
            client.call("SET", "page", "home");
        }
        ProcessIdentity running = provider.server().process(first.string("name")).orElseThrow();

        PluginParameters again = service.provision(request("wiki", "cache"), Optional.of(first));

        assertThat(again).isEqualTo(first);
        assertThat(provider.server().process(first.string("name"))).contains(running);
        try (RespClient client = authenticated(again)) {
            assertThat(client.call("GET", "page")).isEqualTo("home");
        }
    }

    @Test
    void theOperatorsSettingsReachARunningServerAtItsNextStartAndWinOverThePlatforms() throws IOException {
        PluginParameters credentials = provision("tuned", "cache");
        String name = credentials.string("name");
        Path operators = home.resolve("services").resolve("redis.conf");
        try {
            Files.writeString(operators, "# more memory for this machine\nmaxmemory 48mb\n\nhz 20\n");
            provider.server().stop(name, Duration.ofSeconds(10));

            service.provision(request("tuned", "cache"), Optional.of(credentials));

            try (RespClient client = authenticated(credentials)) {
                assertThat(client.call("CONFIG", "GET", "maxmemory")).isEqualTo("maxmemory " + (48L << 20));
                assertThat(client.call("CONFIG", "GET", "hz")).isEqualTo("hz 20");
                assertThat(client.call("CONFIG", "GET", "maxmemory-policy")).as("the platform's others stay")
                        .isEqualTo("maxmemory-policy noeviction");
            }

            Files.writeString(operators, "hz 20\nrequirepass guessable\n");
            provider.server().stop(name, Duration.ofSeconds(10));
            assertThatThrownBy(() -> service.provision(request("tuned", "cache"), Optional.of(credentials)))
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                    .hasMessageContaining(operators + ", line 2, sets 'requirepass', which the platform sets itself"
                            + " for the managed Redis server");
        } finally {
            Files.deleteIfExists(operators);
        }
        service.provision(request("tuned", "cache"), Optional.of(credentials));
        try (RespClient client = authenticated(credentials)) {
            assertThat(client.call("CONFIG", "GET", "maxmemory")).as("the file gone").isEqualTo("maxmemory " + (32L << 20));
        }
    }

    @Test
    void theNextEngineFindsTheRunningServerInsteadOfStartingAnother() throws IOException {
        PluginParameters credentials = provision("adopted", "cache");
        ProcessIdentity running = provider.server().process(credentials.string("name")).orElseThrow();

        RedisServiceProvider next = new RedisServiceProvider();
        next.init(PluginSettings.of(RedisServiceProvider.ID, next.settings(),
                Map.of("ports", RedisPorts.ofThisRun(30)), home));
        try {
            assertThat(next.server().process(credentials.string("name"))).contains(running);
            next.maintain();
            assertThat(next.create(null).provision(request("adopted", "cache"), Optional.of(credentials)))
                    .isEqualTo(credentials);
            assertThat(next.server().process(credentials.string("name"))).contains(running);
        } finally {
            next.close();
        }
    }

    @Test
    void aKilledServerIsStartedAgainByTheUpkeepWithItsData() throws Exception {
        PluginParameters credentials = provision("survivor", "cache");
        String name = credentials.string("name");
        try (RespClient client = authenticated(credentials)) {
            client.call("SET", "kept", "yes");
        }
        ProcessIdentity killed = provider.server().process(name).orElseThrow();

        RunAs.run(List.of("/bin/kill", "-KILL", Long.toString(killed.pid())));
        await().atMost(Duration.ofSeconds(10)).until(() -> !killed.isAlive());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            provider.maintain();
            assertThat(provider.server().process(name)).isPresent().isNotEqualTo(Optional.of(killed));
        });

        try (RespClient client = authenticated(credentials)) {
            assertThat(client.call("GET", "kept")).isEqualTo("yes");
        }
    }

    @Test
    void removingStopsTheServerAndDeletesItsFolder() throws IOException {
        ServerFixture gone = new ServerFixture(service.provision(request("gone", "cache"), Optional.empty()));
        ProcessIdentity process = provider.server().process(gone.name()).orElseThrow();

        service.remove(request("gone", "cache"), gone.credentials);

        assertThat(process.isAlive()).isFalse();
        assertThat(provider.server().directory(gone.name())).doesNotExist();
        assertThatThrownBy(() -> RespClient.connect(gone.credentials).close()).isInstanceOf(IOException.class);
        service.remove(request("gone", "cache"), gone.credentials);
    }

    @Test
    void aServerThatCannotListenFailsWithItsOwnLogLinesAndLeavesNothingBehind() throws IOException {
        Path otherHome = Files.createTempDirectory("paasmaker-redis-refused-");
        try {
            // A redis-server told to listen on port 1 as well, which neither the redis user nor most others may.
            Path binary = otherHome.resolve("redis-on-port-1");
            Files.writeString(binary, "#!/bin/sh\nexec /usr/bin/redis-server \"$@\" --port 1\n");
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            RedisServiceProvider refused = new RedisServiceProvider();
            refused.init(PluginSettings.of(RedisServiceProvider.ID, refused.settings(),
                    Map.of("binary", binary.toString(), "ports", RedisPorts.ofThisRun(30)), otherHome));

            assertThatThrownBy(() -> refused.create(null).provision(request("refused", "cache"), Optional.empty()))
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                    .hasMessageContaining("exited before it answered")
                    .hasMessageContaining("Could not create server TCP listening socket 127.0.0.1:1");
            assertThat(otherHome.resolve("services").resolve("redis")).doesNotExist();
            refused.maintain();
            assertThat(otherHome.resolve("services").resolve("redis")).as("nothing to restart").doesNotExist();
        } finally {
            Directories.deleteTree(otherHome);
        }
    }

    @Test
    void passwordsNeverReachTheServersLog() throws IOException {
        PluginParameters credentials = provision("secretive", "cache");
        try (RespClient client = RespClient.connect(credentials)) {
            client.call("AUTH", credentials.string("password") + "x");
        }

        assertThat(Files.readString(provider.server().logFile(credentials.string("name"))))
                .contains("Ready to accept connections").doesNotContain(credentials.string("password"));
    }

    private record ServerFixture(PluginParameters credentials) {
        String name() {
            return credentials.string("name");
        }
    }

    @Test
    void anExportRoundTripsTheDataAfterItWasChangedAndSurvivesARestartOfTheServer() throws Exception {
        PluginParameters credentials = provision("exported", "cache");
        try (RespClient client = authenticated(credentials)) {
            client.call("SET", "counter", "42");
            client.call("RPUSH", "list", "a", "b", "c");
            client.call("SELECT", "3");
            client.call("SET", "elsewhere", "kept");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dumps().export(request("exported", "cache"), credentials, out);
        Path dump = Files.write(home.resolve("exported.rdb"), out.toByteArray());
        try (RespClient client = authenticated(credentials)) {
            client.call("FLUSHALL");
            client.call("SET", "added", "later");
        }

        dumps().restore(request("exported", "cache"), credentials, dump);

        assertThat(new String(out.toByteArray(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("REDIS");
        try (RespClient client = authenticated(credentials)) {
            assertThat(client.call("GET", "counter")).isEqualTo("42");
            assertThat(client.call("LRANGE", "list", "0", "-1")).isEqualTo("a b c");
            assertThat(client.call("EXISTS", "added")).isEqualTo(":0");
            assertThat(client.call("SELECT", "3")).isEqualTo("+OK");
            assertThat(client.call("GET", "elsewhere")).isEqualTo("kept");
        }
        // The data is the server's own again, in its append-only file: a killed server comes back with it.
        ProcessIdentity running = provider.server().process(credentials.string("name")).orElseThrow();
        RunAs.run(List.of("/bin/kill", "-KILL", Long.toString(running.pid())));
        await().atMost(Duration.ofSeconds(10)).until(() -> !running.isAlive());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            provider.maintain();
            try (RespClient client = authenticated(credentials)) {
                assertThat(client.call("GET", "counter")).isEqualTo("42");
                assertThat(client.call("SET", "more", "1")).isEqualTo("+OK");
            }
        });
        assertThat(Files.readString(provider.server().logFile(credentials.string("name"))))
                .doesNotContain(credentials.string("password"));
    }

    @Test
    void whatIsNotAWholeRdbFileIsRefusedBeforeTheDataIsTouched() throws Exception {
        PluginParameters credentials = provision("careful", "cache");
        try (RespClient client = authenticated(credentials)) {
            client.call("SET", "counter", "7");
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        dumps().export(request("careful", "cache"), credentials, whole);
        byte[] bytes = whole.toByteArray();
        ProcessIdentity before = provider.server().process(credentials.string("name")).orElseThrow();
        Map<String, byte[]> bad = Map.of(
                "it is empty", new byte[0],
                "it is a PostgreSQL dump", "PGDMP\u0001".getBytes(StandardCharsets.ISO_8859_1),
                "it is a MariaDB or MySQL dump", "-- MariaDB dump 10.19\n".getBytes(StandardCharsets.UTF_8),
                "it does not begin as an RDB file does", "hello".getBytes(StandardCharsets.UTF_8),
                "redis-check-rdb finds it damaged or cut short", Arrays.copyOf(bytes, bytes.length - 12));
        for (Map.Entry<String, byte[]> one : bad.entrySet()) {
            Path dump = Files.write(home.resolve("bad.rdb"), one.getValue());
            assertThatThrownBy(() -> dumps().restore(request("careful", "cache"), credentials, dump)).as(one.getKey())
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("not a dump paasmaker.service.managedredis imports")
                    .hasMessageContaining(one.getKey()).hasMessageContaining("was not touched");
        }
        assertThat(provider.server().process(credentials.string("name"))).as("the server was not restarted")
                .contains(before);
        try (RespClient client = authenticated(credentials)) {
            assertThat(client.call("GET", "counter")).isEqualTo("7");
        }
    }

    private ServiceDumps dumps() {
        return service.dumps().orElseThrow();
    }
}
