package org.paasmaker.engine.service.redis;

import static org.paasmaker.engine.service.server.ServerFigures.idleMemory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.service.server.PluginHome;

/**
 * Issue 20's figures for a managed Redis server, printed, not asserted: its memory idle after a start,
 * with a small application's connections open after a few hundred SETs and GETs, and idle again once
 * they closed. Skipped unless {@code -Dpaasmaker.figures=true}; {@code bench/services-footprint.sh} runs it.
 */
@EnabledIfSystemProperty(named = "paasmaker.figures", matches = "true")
class RedisFootprintFiguresTest {

    private static final int CONNECTIONS = 4;
    private static final int ROWS = Integer.getInteger("paasmaker.figures.rows", 500);

    @Test
    void printTheManagedServersMemory() throws Exception {
        try (PluginHome<RedisServiceProvider> home = PluginHome.init("redis-footprint", new RedisServiceProvider(),
                Map.of("ports", RedisPorts.ofThisRun(30)))) {
            Service service = home.provider().create(null);
            ServiceRequest request = PluginHome.request(1, "cache");
            PluginParameters credentials = service.provision(request, Optional.empty());
            long pid = home.provider().server().process(credentials.string("name")).orElseThrow().pid();
            System.out.printf("managed Redis footprint, idle after a start: %s%n", idleMemory(pid));

            List<RespClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    RespClient client = RespClient.connect(credentials);
                    clients.add(client);
                    expect(client.call("AUTH", credentials.string("password")), "+OK");
                }
                for (int i = 0; i < ROWS; i++) {
                    expect(clients.get(i % CONNECTIONS).call("SET", "key:" + i,
                            "value " + i + " of a small application's cache, some text to store"), "+OK");
                }
                for (int i = 0; i < ROWS; i++) {
                    int key = (i * 7) % ROWS;
                    expect(clients.get(i % CONNECTIONS).call("GET", "key:" + key),
                            "value " + key + " of a small application's cache, some text to store");
                }
                System.out.printf("managed Redis footprint, %d connections open after %d SETs and %d GETs: %s%n",
                        CONNECTIONS, ROWS, ROWS, idleMemory(pid));
            } finally {
                for (RespClient client : clients) {
                    client.close();
                }
            }
            System.out.printf("managed Redis footprint, idle again, the connections closed: %s%n", idleMemory(pid));
            service.remove(request, credentials);
        }
    }

    private static void expect(String answer, String expected) throws IOException {
        if (!answer.equals(expected)) {
            throw new IOException("Redis answered '" + answer + "', not '" + expected + "'");
        }
    }
}
