package org.paasmaker.router;

import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouterTableSwapTest {

    private static final int CLIENTS = 4;
    private static final int SWITCHES = 12;
    private static final int MAX_REQUESTS_PER_CLIENT = 20_000;

    /**
     * Version switches as the engine will make them, under load: start a new instance, drain the
     * table over to it, then stop the old one. Not one request may fail.
     */
    @Test
    void switchingTargetsUnderLoadFailsNoRequest() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (Closer closer = new Closer()) {
            closer.add(clients::shutdownNow);
            TestBackend current = TestBackend.start("v1");
            closer.add(current);
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"),
                    table(1, current)));
            AtomicBoolean switching = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();
            ConcurrentHashMap<String, Boolean> answeredBy = new ConcurrentHashMap<>();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    try (RawHttp http = new RawHttp(router.port())) {
                        for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && switching.get(); i++) {
                            RawHttp.Response response = http.get("app.com", "/");
                            requests.incrementAndGet();
                            if (response.status() == 200) {
                                answeredBy.put(response.text(), true);
                            } else {
                                failures.merge(response.status() + " " + response.text(), 1, Integer::sum);
                            }
                        }
                    }
                    return null;
                }));
            }

            for (int version = 2; version <= SWITCHES + 1; version++) {
                int before = requests.get();
                // Each switch happens while requests flow.
                await().atMost(Duration.ofSeconds(30)).until(() -> requests.get() >= before + 100);
                TestBackend next = closer.add(TestBackend.start("v" + version));
                DrainResult drained = router.drain(table(version, next), Duration.ofSeconds(30));
                assertThat(drained.isComplete()).isTrue();
                current.close();
                current = next;
            }
            switching.set(false);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }

            assertThat(failures).isEmpty();
            assertThat(requests.get()).isPositive();
            assertThat(answeredBy.keySet()).contains("v" + (SWITCHES + 1));
        }
    }

    private static RoutingTable table(int version, TestBackend backend) {
        return RoutingTable.of(version, List.of(Route.of("app.com", List.of(backend.target("app", version)))));
    }
}
