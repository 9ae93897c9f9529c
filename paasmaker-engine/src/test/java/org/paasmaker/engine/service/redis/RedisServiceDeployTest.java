package org.paasmaker.engine.service.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.EngineLog;
import org.paasmaker.engine.service.server.CountingService;
import org.paasmaker.engine.service.server.ManagedServersStopped;
import org.paasmaker.engine.service.server.ServiceDeploys;

/**
 * A real application on a real engine with a {@code paasmaker.service.managedredis} service: it reads
 * its server from PM_SERVICES and counts its hits there, across versions, through a SIGKILL of its
 * redis-server, until the application is deleted with its services (and the server with them). Its
 * password never shows in a job log, the engine's log or the server's.
 */
class RedisServiceDeployTest {

    @RegisterExtension
    @Order(1)
    final ManagedServersStopped servers = new ManagedServersStopped(() -> this.fixture.engine().home(), "redis");

    @RegisterExtension
    @Order(2)
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder
            .pluginSettings(RedisServiceProvider.ID, Map.of("ports", "42900-42999")));

    @RegisterExtension
    @Order(3)
    final EngineLog engineLog = new EngineLog();

    private final ServiceDeploys deploys = new ServiceDeploys(fixture);

    /**
     * The application counts its hits through redis-cli; each service has a server of its own, in a folder
     * of its name, which goes with it.
     */
    private final CountingService redis = new CountingService("redis", RedisServiceProvider.ID, "cache",
            List.of("hostname", "name", "password", "port", "protocol", "provider"), "redis", """
                    ["redis-cli", "-h", db["hostname"], "-p", str(db["port"]), "INCR", "hits"]""",
            "REDISCLI_AUTH", credentials -> credentials.string("name"),
            credentials -> Path.of(credentials.string("name"), "redis.log"), "Ready to accept connections",
            credentials -> {
                assertThatThrownBy(() -> RespClient.connect(credentials).close()).as("the server is gone")
                        .isInstanceOf(IOException.class);
                assertThat(fixture.engine().home().resolve("services/redis").resolve(credentials.string("name")))
                        .doesNotExist();
            });

    @Test
    void anApplicationKeepsItsRedisAcrossVersionsAndARestartOfTheServerAndLosesItOnlyWithItsServices()
            throws Exception {
        deploys.keepsItsDataAcrossVersionsAndARestartAndLosesItOnlyWithItsServices(redis, engineLog);
    }

    @Test
    void serviceParametersThePluginDoesNotTakeAreRefusedAtUploadWithTheirPath() throws Exception {
        deploys.refusesParametersThePluginDoesNotTake(redis);
    }
}
