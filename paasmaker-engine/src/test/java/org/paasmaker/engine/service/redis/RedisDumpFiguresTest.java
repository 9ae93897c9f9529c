package org.paasmaker.engine.service.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.service.server.DumpFigures;
import org.paasmaker.engine.service.server.PluginHome;

/**
 * Printed, not asserted: exporting and importing a Redis service holding 200,000 keys (a 32-character
 * value each); the import includes stopping the service's server and starting it on the file.
 */
class RedisDumpFiguresTest {

    @Test
    void printTheDumpFigures() throws Exception {
        try (PluginHome<RedisServiceProvider> home = PluginHome.init("redis-dump-figures", new RedisServiceProvider(),
                Map.of("ports", RedisPorts.ofThisRun(10), "maxmemory", "256mb"))) {
            Service service = home.provider().create(null);
            ServiceRequest request = PluginHome.request(1, "cache");
            PluginParameters credentials = service.provision(request, Optional.empty());
            try (RespClient client = RespClient.connect(credentials)) {
                assertThat(client.call("AUTH", credentials.string("password"))).isEqualTo("+OK");
                assertThat(client.call("EVAL", "for i = 1, 200000 do redis.call('SET', 'key:' .. i,"
                        + " redis.sha1hex(tostring(i)):sub(1, 32)) end return 1", "0")).isEqualTo(":1");
            }

            long size = DumpFigures.print("Redis", "200000 keys", service.dumps().orElseThrow(), request, credentials,
                    home.home(), 3);

            assertThat(size).isPositive();
            service.remove(request, credentials);
        }
    }
}
