package org.paasmaker.router;

import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterProxyTest {

    private final Closer closer = new Closer();

    @AfterEach
    void closeEverything() throws Exception {
        closer.close();
    }

    private TestBackend backend(String name) throws IOException {
        TestBackend backend = TestBackend.start(name);
        closer.add(backend);
        return backend;
    }

    private Router router(Route... routes) {
        Router router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1").withEventLoops(2),
                RoutingTable.of(1, List.of(routes)));
        closer.add(router);
        return router;
    }

    private static Route route(String hostname, TestBackend... backends) {
        List<RouteTarget> targets = new ArrayList<>();
        for (TestBackend backend : backends) {
            targets.add(backend.target("app-" + backend.name(), 1));
        }
        return Route.of(hostname, targets);
    }

    @Test
    void eachHostnameReachesItsOwnInstancesInTheOriginalsOrder() throws IOException {
        TestBackend exact = backend("exact");
        TestBackend deep = backend("deep");
        TestBackend shallow = backend("shallow");
        TestBackend any = backend("any");
        Router router = router(route("a.b.foo.com", exact), route("*.b.foo.com", deep), route("*.foo.com", shallow),
                route("*", any));

        assertThat(RawHttp.get(router.port(), "a.b.foo.com", "/").text()).isEqualTo("exact");
        assertThat(RawHttp.get(router.port(), "A.B.Foo.com:8080", "/").text()).isEqualTo("exact");
        assertThat(RawHttp.get(router.port(), "x.b.foo.com", "/").text()).isEqualTo("deep");
        assertThat(RawHttp.get(router.port(), "x.y.b.foo.com", "/").text()).isEqualTo("deep");
        assertThat(RawHttp.get(router.port(), "c.foo.com", "/").text()).isEqualTo("shallow");
        assertThat(RawHttp.get(router.port(), "b.foo.com", "/").text()).isEqualTo("shallow");
        assertThat(RawHttp.get(router.port(), "elsewhere.org", "/").text()).isEqualTo("any");
    }

    @Test
    void aRequestWithoutHostGets400() throws IOException {
        Router router = router(route("*", backend("any")));

        try (RawHttp http = new RawHttp(router.port())) {
            RawHttp.Response response = http.exchange("GET / HTTP/1.1\r\n\r\n");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains("No Host header");
        }
    }

    @Test
    void anUnknownHostnameGetsAClear404AndTheConnectionStaysUsable() throws IOException {
        TestBackend known = backend("known");
        Router router = router(route("known.com", known));

        try (RawHttp http = new RawHttp(router.port())) {
            RawHttp.Response unknown = http.get("unknown.com", "/");
            RawHttp.Response next = http.get("known.com", "/");

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.header("content-type")).startsWith("text/html");
            assertThat(unknown.text()).contains("No application is routed for <code>unknown.com</code>");
            assertThat(next.text()).isEqualTo("known");
        }
    }

    @Test
    void aKnownHostnameWithoutTargetsGets503NotA404() throws IOException {
        Router router = router(Route.of("starting.com", List.of()));

        RawHttp.Response response = RawHttp.get(router.port(), "starting.com", "/");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.text()).contains("starting.com", "Try again");
    }

    @Test
    void whenNoInstanceAnswersTheClientGets502() throws IOException {
        int closedPort = freePortNobodyListensOn();
        Router router = router(Route.of("dead.com", List.of(new RouteTarget("127.0.0.1", closedPort, "dead", 1, "i-1"))));

        RawHttp.Response response = RawHttp.get(router.port(), "dead.com", "/");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.text()).contains("No instance of <code>dead.com</code> answered");
    }

    @Test
    void anInstanceThatDoesNotSpeakHttpGets502() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (java.net.Socket socket = garbage.accept()) {
                    socket.getInputStream().read(new byte[1024]);
                    socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // The router closed the connection, as it should.
                }
            });
            server.start();
            closer.add(server::join);
            Router router = router(Route.of("odd.com", List.of(new RouteTarget("127.0.0.1", garbage.getLocalPort(), "odd", 1, "i-1"))));

            RawHttp.Response response = RawHttp.get(router.port(), "odd.com", "/");

            assertThat(response.status()).isEqualTo(502);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedOnAnotherInstance() throws IOException {
        TestBackend alive = backend("alive");
        RouteTarget dead = new RouteTarget("127.0.0.1", freePortNobodyListensOn(), "app", 1, "dead");
        Router router = router(Route.of("app.com", List.of(dead, alive.target("app", 1))));

        for (int i = 0; i < 6; i++) {
            RawHttp.Response response = RawHttp.get(router.port(), "app.com", "/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("alive");
        }
    }

    @Test
    void requestsGoRoundRobinOverTheInstances() throws IOException {
        TestBackend one = backend("one");
        TestBackend two = backend("two");
        TestBackend three = backend("three");
        Router router = router(route("app.com", one, two, three));

        List<String> answered = new ArrayList<>();
        try (RawHttp http = new RawHttp(router.port())) {
            for (int i = 0; i < 9; i++) {
                answered.add(http.get("app.com", "/").text());
            }
        }

        assertThat(answered).containsOnly("one", "two", "three");
        assertThat(answered.subList(3, 6)).containsExactlyElementsOf(answered.subList(0, 3));
        assertThat(answered.subList(0, 3)).doesNotHaveDuplicates();
    }

    @Test
    void connectionsToAnInstanceAreKeptAliveAndReused() throws IOException {
        TestBackend backend = backend("one");
        Router router = router(route("app.com", backend));

        for (int i = 0; i < 10; i++) {
            // A new client connection each time: the router's connection to the instance outlives it.
            assertThat(RawHttp.get(router.port(), "app.com", "/").status()).isEqualTo(200);
        }

        assertThat(backend.seen()).hasSize(10);
        assertThat(backend.seen().stream().map(TestBackend.Seen::clientPort).distinct())
                .as("at most one connection per event loop (the router runs two)").hasSizeBetween(1, 2);
    }

    @Test
    void theInstanceSeesForwardedHeadersAndNoHopByHopOnes() throws IOException {
        TestBackend backend = backend("one");
        Router router = router(route("app.com", backend));

        try (RawHttp http = new RawHttp(router.port())) {
            http.exchange("GET /path?q=1 HTTP/1.1\r\nHost: App.com:8080\r\nX-Forwarded-For: 10.1.2.3\r\n"
                    + "Connection: keep-alive, X-Secret-Hop\r\nX-Secret-Hop: yes\r\nKeep-Alive: timeout=5\r\n"
                    + "Proxy-Authorization: Basic eA==\r\nTE: trailers\r\nX-Kept: kept\r\n\r\n");
        }

        TestBackend.Seen seen = backend.seen().get(0);
        assertThat(seen.header("X-forwarded-for")).isEqualTo("10.1.2.3, 127.0.0.1");
        assertThat(seen.header("X-forwarded-proto")).isEqualTo("http");
        assertThat(seen.header("X-forwarded-host")).isEqualTo("App.com:8080");
        assertThat(seen.header("Host")).isEqualTo("App.com:8080");
        assertThat(seen.header("X-kept")).isEqualTo("kept");
        assertThat(seen.headers()).doesNotContainKeys("X-secret-hop", "Keep-alive", "Proxy-authorization", "Te");
    }

    @Test
    void chunkedBodiesStreamBothWays() throws IOException {
        TestBackend backend = backend("one");
        Router router = router(route("app.com", backend));
        byte[] piece = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.US_ASCII);

        try (RawHttp http = new RawHttp(router.port())) {
            http.send("POST /echo HTTP/1.1\r\nHost: app.com\r\nTransfer-Encoding: chunked\r\n\r\n");
            OutputStream out = http.output();
            for (int i = 0; i < 32; i++) {
                out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(piece);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response response = http.read(false);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(response.body()).hasSize(32 * piece.length);
            assertThat(new String(response.body(), 0, piece.length, StandardCharsets.US_ASCII))
                    .isEqualTo(new String(piece, StandardCharsets.US_ASCII));

            assertThat(http.get("app.com", "/bytes?n=3000000").body()).hasSize(3_000_000);
        }
    }

    @Test
    void anHttp10ClientGetsItsAnswerAndAClose() throws IOException {
        TestBackend backend = backend("one");
        Router router = router(route("app.com", backend));

        try (RawHttp http = new RawHttp(router.port())) {
            RawHttp.Response response = http.exchange("GET /bytes?n=1000 HTTP/1.0\r\nHost: app.com\r\n\r\n");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(1000);
            assertThat(response.headers()).doesNotContainKey("transfer-encoding");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        TestBackend one = backend("one");
        Router router = router(route("app.com", one), Route.of("empty.com", List.of()));

        try (RawHttp http = new RawHttp(router.port())) {
            http.send("GET / HTTP/1.1\r\nHost: app.com\r\n\r\nGET / HTTP/1.1\r\nHost: unknown.com\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: empty.com\r\n\r\nGET /bytes?n=10 HTTP/1.1\r\nHost: app.com\r\n\r\n");

            assertThat(http.read(false).text()).isEqualTo("one");
            assertThat(http.read(false).status()).isEqualTo(404);
            assertThat(http.read(false).status()).isEqualTo(503);
            assertThat(http.read(false).body()).hasSize(10);
        }
    }

    @Test
    void anExpectContinueUploadGetsTheInstancesContinueThenItsAnswer() throws IOException {
        TestBackend backend = backend("one");
        Router router = router(route("app.com", backend));

        try (RawHttp http = new RawHttp(router.port())) {
            http.send("POST /echo HTTP/1.1\r\nHost: app.com\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            RawHttp.Response informational = http.read(false);
            http.send("hello");
            RawHttp.Response response = http.read(false);

            assertThat(informational.status()).isEqualTo(100);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello");
            assertThat(http.get("app.com", "/").text()).isEqualTo("one");
        }
    }

    @Test
    void leastConnectionsSendsToTheInstanceWithFewerRequestsInFlight() throws Exception {
        TestBackend busy = backend("busy");
        TestBackend free = backend("free");
        Router router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1")
                .withBalancing(Balancing.LEAST_CONNECTIONS), RoutingTable.of(1, List.of(route("app.com", busy, free))));
        closer.add(router);
        java.util.concurrent.CompletableFuture<RawHttp.Response> held = new java.util.concurrent.CompletableFuture<>();
        // The first request goes to one of them (ties go in turn); hold it there with /slow.
        Thread client = new Thread(() -> {
            try {
                held.complete(RawHttp.get(router.port(), "app.com", "/slow"));
            } catch (IOException e) {
                held.completeExceptionally(e);
            }
        });
        client.start();
        closer.add(client::join);
        closer.add(busy::releaseSlow);
        closer.add(free::releaseSlow);
        String holder = awaitFirstSlow(busy, free);

        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answered.add(RawHttp.get(router.port(), "app.com", "/").text());
        }

        assertThat(answered).as("while %s holds a request", holder).containsOnly(holder.equals("busy") ? "free" : "busy");
    }

    @Test
    void aClientConnectionIdleBetweenRequestsIsClosedButNotOneWaitingForItsResponse() throws Exception {
        TestBackend backend = backend("one");
        Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1")
                .withIdleTimeout(java.time.Duration.ofSeconds(1)), RoutingTable.of(1, List.of(route("app.com", backend)))));

        try (RawHttp idle = new RawHttp(router.port())) {
            assertThat(idle.get("app.com", "/").status()).isEqualTo(200);
            // Connected and sending at once: the router sees no idle second before its request.
            RawHttp waiting = closer.add(new RawHttp(router.port()));
            waiting.send("GET /slow HTTP/1.1\r\nHost: app.com\r\n\r\n");
            assertThat(backend.awaitSlowArrived()).isTrue();

            assertThat(idle.isClosedByPeer()).isTrue();
            backend.releaseSlow();
            assertThat(waiting.read(false).text()).isEqualTo("one slow");
        }
    }

    private static String awaitFirstSlow(TestBackend one, TestBackend two) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !one.seen().isEmpty() || !two.seen().isEmpty());
        return one.seen().isEmpty() ? two.name() : one.name();
    }

    private static int freePortNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
