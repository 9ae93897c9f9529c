package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.ServedCertificate;

/** Make-current switches (a new table, drained over to) under HTTPS load, HTTP/2 and HTTP/1.1 clients at once. */
class RouterHttpsSwitchTest {

    private static final int CLIENTS_PER_PROTOCOL = 2;
    private static final int SWITCHES = 8;
    private static final int MAX_REQUESTS_PER_CLIENT = 20_000;

    @TempDir
    Path temp;

    @Test
    void switchingTargetsUnderHttpsLoadFailsNoRequest() throws Exception {
        TestCertificates authority = TestCertificates.authority(temp);
        ServedCertificate certificate = authority.issue("localhost");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS_PER_PROTOCOL * 2);
        try (Closer closer = new Closer()) {
            closer.add(clients::shutdownNow);
            TestBackend current = closer.add(TestBackend.start("v1"));
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withHttpsPort(0).withBindAddress("127.0.0.1"),
                    table(1, current, certificate)));
            URI uri = URI.create("https://localhost:" + router.httpsPort() + "/");
            AtomicBoolean switching = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();
            ConcurrentHashMap<String, Boolean> answeredBy = new ConcurrentHashMap<>();
            ConcurrentHashMap<HttpClient.Version, Boolean> versions = new ConcurrentHashMap<>();
            List<Future<?>> running = new ArrayList<>();
            for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
                for (int c = 0; c < CLIENTS_PER_PROTOCOL; c++) {
                    HttpClient client = HttpClient.newBuilder().version(version).sslContext(authority.clientContext())
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    running.add(clients.submit(() -> {
                        for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && switching.get(); i++) {
                            try {
                                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                                versions.put(response.version(), true);
                                if (response.statusCode() == 200) {
                                    answeredBy.put(response.body(), true);
                                } else {
                                    failures.merge(response.statusCode() + " " + response.body(), 1, Integer::sum);
                                }
                            } catch (Exception e) {
                                failures.merge(version + " " + e, 1, Integer::sum);
                            }
                            requests.incrementAndGet();
                        }
                        return null;
                    }));
                }
            }

            for (int version = 2; version <= SWITCHES + 1; version++) {
                int before = requests.get();
                // Each switch happens while requests flow.
                await().atMost(Duration.ofSeconds(30)).until(() -> requests.get() >= before + 100);
                TestBackend next = closer.add(TestBackend.start("v" + version));
                DrainResult drained = router.drain(table(version, next, certificate), Duration.ofSeconds(30));
                assertThat(drained.isComplete()).isTrue();
                current.close();
                current = next;
            }
            switching.set(false);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }

            assertThat(failures).isEmpty();
            assertThat(versions.keySet()).containsExactlyInAnyOrder(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1);
            assertThat(answeredBy.keySet()).contains("v" + (SWITCHES + 1));
            System.out.println("HTTPS switch test: " + requests.get() + " requests over " + SWITCHES + " switches, none failed");
        }
    }

    private static RoutingTable table(int version, TestBackend backend, ServedCertificate certificate) {
        return new RoutingTable(version, List.of(Route.of("localhost", List.of(backend.target("app", version)))),
                List.of(certificate), List.of());
    }
}
