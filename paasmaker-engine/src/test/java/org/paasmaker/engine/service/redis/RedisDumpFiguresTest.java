package org.paasmaker.engine.service.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.service.server.DumpFigures;

/**
 * Printed, not asserted: exporting and importing a Redis service holding 200,000 keys (a 32-character
 * value each); the import includes stopping the service's server and starting it on the file.
 */
class RedisDumpFiguresTest {

    @Test
    void printTheDumpFigures() throws Exception {
        Path home = Files.createTempDirectory("paasmaker-redis-dump-figures-");
        RedisServiceProvider provider = new RedisServiceProvider();
        int first;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            first = Math.min(probe.getLocalPort(), 65000);
        }
        ServiceRequest request = new ServiceRequest(new ApplicationId(1), "figures", "test", "cache",
                PluginParameters.empty());
        Service service = null;
        PluginParameters credentials = null;
        try {
            provider.init(PluginSettings.of(RedisServiceProvider.ID, provider.settings(),
                    Map.of("ports", first + "-" + (first + 10), "maxmemory", "256mb"), home));
            service = provider.create(null);
            credentials = service.provision(request, Optional.empty());
            try (RespClient client = RespClient.connect(credentials)) {
                assertThat(client.call("AUTH", credentials.string("password"))).isEqualTo("+OK");
                assertThat(client.call("EVAL", "for i = 1, 200000 do redis.call('SET', 'key:' .. i,"
                        + " redis.sha1hex(tostring(i)):sub(1, 32)) end return 1", "0")).isEqualTo(":1");
            }

            long size = DumpFigures.print("Redis", "200000 keys", service.dumps().orElseThrow(), request, credentials,
                    home, 3);

            assertThat(size).isPositive();
        } finally {
            if (service != null && credentials != null) {
                service.remove(request, credentials);
            }
            provider.close();
            Directories.deleteTree(home);
        }
    }
}
