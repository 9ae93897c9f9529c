package org.paasmaker.engine.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.engine.routing.RoutingJson;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RouteFeedTest {

    private final MutableClock clock = new MutableClock();
    private final RouteFeed feed = new RouteFeed(clock);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    @Test
    void aPollAnswersAtOnceWhenANewerTableIsThereAndElseWaitsForOne() throws Exception {
        feed.publish(table(3));
        assertThat(feed.poll("r", 0, 0, Duration.ofSeconds(5))).contains(table(3));
        assertThat(feed.poll("r", 3, 0, Duration.ofMillis(50))).as("nothing newer within the wait").isEmpty();

        CompletableFuture<Optional<RoutingTable>> waiting = CompletableFuture.supplyAsync(() -> poll("r", 3), threads);
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.confirmations().size() == 1);
        feed.publish(table(2));
        feed.publish(table(4));
        assertThat(waiting.get(10, TimeUnit.SECONDS)).as("an older generation is no news").contains(table(4));
        assertThat(feed.latest()).isEqualTo(table(4));
    }

    @Test
    void aDrainWaitsForEveryLiveRouterToServeTheGenerationWithNothingInFlightAndNotForSilentOnes() throws Exception {
        feed.poll("silent", 1, 0, Duration.ZERO);
        clock.advance(RouteFeed.LIVE_WINDOW.plusSeconds(1));
        feed.poll("edge", 1, 0, Duration.ZERO);
        feed.publish(table(2));

        assertThat(feed.awaitConfirmed(2, Duration.ofMillis(100))).extracting(RouteFeed.Confirmation::router)
                .containsExactly("edge");

        CompletableFuture<List<RouteFeed.Confirmation>> drain = CompletableFuture.supplyAsync(
                () -> feed.awaitConfirmed(2, Duration.ofSeconds(30)), threads);
        feed.poll("edge", 2, 1, Duration.ZERO);
        assertThat(drain).as("one dropped target still busy there").isNotDone();
        feed.poll("edge", 2, 0, Duration.ZERO);
        assertThat(drain.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void overHttpTheFeedAsksForANodeTokenAndNamesWhatIsWrongWithAPoll() throws Exception {
        feed.publish(table(1));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(threads);
        server.createContext("/cluster/v1/routes", new RouteFeedHandler(feed, RouteFeedHandler.token("secret")));
        server.start();

        assertThat(get("?after=0&router=a", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = get("?after=0&router=a", "Bearer nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("knows no node token");
        assertThat(get("?router=a", "Bearer secret").body()).contains("after=G");
        assertThat(get("?after=x&router=a", "Bearer secret").body()).contains("after is a whole number, not 'x'");
        assertThat(get("?after=0", "Bearer secret").body()).contains("router=NAME");

        HttpResponse<String> whole = get("?after=0&router=a", "Bearer secret");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(RoutingJson.read(whole.body().getBytes(), RoutingTable.class)).isEqualTo(table(1));
        assertThat(get("?after=1&router=a&inflight=2&waitMillis=20", "Bearer secret").statusCode()).isEqualTo(204);
        assertThat(feed.confirmations()).singleElement().satisfies(c -> {
            assertThat(c.generation()).isEqualTo(1);
            assertThat(c.busyDropped()).isEqualTo(2);
        });
    }

    private HttpResponse<String> get(String query, String authorization) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cluster/v1/routes" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Optional<RoutingTable> poll(String router, long after) {
        try {
            return feed.poll(router, after, 0, Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RoutingTable table(long generation) {
        return RoutingTable.of(generation, List.of(Route.of("app.com",
                List.of(new RouteTarget("127.0.0.1", 40000 + (int) generation, "dev/app", 1, "i-" + generation)))));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
