package org.paasmaker.engine.routing;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.ServedCertificate;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;
import org.paasmaker.router.TestCertificates;

/**
 * Make-current switches through the engine while HTTP/2 and HTTP/1.1 clients keep requesting the
 * application over HTTPS, with a certificate uploaded for its hostname: no request fails, and each
 * switch shows. The hostname is {@code localhost}, which the clients resolve without DNS.
 */
class HttpsSwitchTest {

    private static final String HOSTNAME = "localhost";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int SWITCHES = 6;

    @TempDir
    Path temp;

    private Router router;
    private EngineFixture fixture;

    @AfterEach
    void stop() {
        EngineFixture.tearDown(fixture, () -> router.close());
    }

    @Test
    void switchesUnderHttpsLoadLoseNoRequestAndEachShows() throws Exception {
        router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1").withHttpsPort(0));
        fixture = new EngineFixture(temp.resolve("home"), builder -> builder.router(router));
        Path app = SwitchingApp.write(temp.resolve("switch"), 2, HOSTNAME);
        VersionId one = running(app);
        VersionId two = running(app);
        fixture.succeed(fixture.engine().versions().makeCurrent(one));
        TestCertificates authority = TestCertificates.authority(temp.resolve("ca"));
        ServedCertificate certificate = authority.issue(HOSTNAME);
        fixture.engine().certificates().upload(fixture.engine().versions().get(one).applicationId(),
                certificate.chainPem(), certificate.keyPem(), List.of());
        await("the certificate served").atMost(DEADLINE).until(() -> !router.table().certificates().isEmpty());

        URI uri = URI.create("https://" + HOSTNAME + ":" + router.httpsPort() + "/");
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        AtomicReference<String> latest = new AtomicReference<>("");
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        Map<HttpClient.Version, Boolean> versions = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
                for (int c = 0; c < 2; c++) {
                    HttpClient client = HttpClient.newBuilder().version(version).sslContext(authority.clientContext())
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    running.add(clients.submit(() -> {
                        while (loading.get()) {
                            try {
                                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                                if (answer.statusCode() != 200) {
                                    failures.merge(answer.statusCode() + " " + answer.body(), 1, Integer::sum);
                                } else {
                                    latest.set(answer.body());
                                    versions.put(answer.version(), true);
                                    answered.incrementAndGet();
                                }
                            } catch (Exception e) {
                                failures.merge(e.toString(), 1, Integer::sum);
                            }
                        }
                    }));
                }
            }
            await().atMost(DEADLINE).until(() -> answered.get() >= 50);
            for (int round = 1; round <= SWITCHES; round++) {
                VersionId next = round % 2 == 1 ? two : one;
                fixture.succeed(fixture.engine().versions().makeCurrent(next));
                String expected = "version " + fixture.engine().versions().get(next).number();
                await("answers from " + expected).atMost(DEADLINE).until(latest::get, expected::equals);
                long seen = answered.get();
                await().atMost(DEADLINE).until(() -> answered.get() >= seen + 30);
            }
            loading.set(false);
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            loading.set(false);
            clients.shutdownNow();
        }
        assertThat(failures).as("failed requests of %d answered", answered.get()).isEmpty();
        assertThat(versions.keySet()).containsExactlyInAnyOrder(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1);
    }

    private VersionId running(Path app) {
        VersionId id = new VersionId(Long.parseLong(fixture.prepare(SourceSpec.directory(app)).tags().get("version_id")));
        fixture.succeed(fixture.engine().versions().start(id));
        return id;
    }
}
