package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.TrafficStats;

/**
 * A client connection's life with {@link ByteRelayHandler}: requests it hands over to the codec's
 * path (for good, the connection's later requests answered there in order), the access log and the
 * statistics of relayed exchanges, the idle timeout, a client that leaves mid-response, and HTTPS.
 * The instance tells in a header whether it got the bytes ({@code X-Tight:tight} as sent) or the
 * codec's rewriting of them.
 */
class RouterByteRelayTestConnectionsTest extends ByteRelayFixture {

    private static final String WAY = "X-Way";

    @TempDir
    Path directory;

    /** Answers the path and the body it got, and which way the request came. */
    private ScriptedBackend echo() throws IOException {
        return backend(exchange -> {
            ScriptedBackend.Request request = exchange.request();
            String body = request.path() + " " + new String(request.body(), StandardCharsets.ISO_8859_1);
            String way = request.headerLines().contains("X-Tight:tight") ? "bytes" : "codec";
            exchange.send("HTTP/1.1 200 OK\r\n" + WAY + ": " + way + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        });
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: app.com\r\nX-Tight:tight\r\n\r\n";
    }

    @Test
    void aConnectionHandedOverForABodyAnswersItsRequestsInOrderOnTheCodecsPathFromThen() throws Exception {
        ScriptedBackend backend = echo();
        ByteClient client = client(router(backend));

        ByteClient.Response first = client.exchange(get("/1"));
        ByteClient.Response second = client.exchange(get("/2"));
        // The body comes in a write of its own, after the head that announced it.
        client.send("POST /3 HTTP/1.1\r\nHost: app.com\r\nX-Tight:tight\r\nContent-Length: 5\r\n\r\n").send("hello");
        ByteClient.Response post = client.read(false);
        ByteClient.Response fourth = client.exchange(get("/4"));
        ByteClient.Response fifth = client.exchange(get("/5"));

        assertThat(List.of(first, second, post, fourth, fifth)).extracting(ByteClient.Response::text)
                .containsExactly("/1 ", "/2 ", "/3 hello", "/4 ", "/5 ");
        assertThat(List.of(first, second, post, fourth, fifth)).extracting(response -> response.header(WAY).get(0))
                .containsExactly("bytes", "bytes", "codec", "codec", "codec");
        assertThat(backend.paths()).containsExactly("/1", "/2", "/3", "/4", "/5");
    }

    @Test
    void aPipelinedPairInOneWriteIsAnsweredInOrder() throws Exception {
        ScriptedBackend backend = echo();
        ByteClient client = client(router(backend));

        client.send(get("/a") + get("/b"));
        ByteClient.Response a = client.read(false);
        ByteClient.Response b = client.read(false);
        ByteClient.Response c = client.exchange(get("/c"));

        assertThat(List.of(a, b, c)).extracting(ByteClient.Response::text).containsExactly("/a ", "/b ", "/c ");
    }

    @Test
    void aRequestThatCameDuringAnExchangeIsRelayedAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedBackend backend = backend(exchange -> {
            String path = exchange.request().path();
            if (path.equals("/slow")) {
                assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            }
            boolean relayed = exchange.request().headerLines().contains("X-Tight:tight");
            exchange.send(ok(path + (relayed ? " bytes" : " codec")));
        });
        ByteClient client = client(router(backend));

        client.send(get("/slow"));
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests().size() == 1);
        client.send(get("/next"));
        release.countDown();

        assertThat(client.read(false).text()).isEqualTo("/slow bytes");
        assertThat(client.read(false).text()).isEqualTo("/next bytes");
        assertThat(backend.accepted()).isEqualTo(1);
    }

    @Test
    void manyRequestsSentDuringAnExchangeAreHeldAndAnsweredInOrderAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedBackend backend = backend(exchange -> {
            if (exchange.request().path().equals("/slow")) {
                assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            }
            exchange.send(ok(exchange.request().path()));
        });
        ByteClient client = client(router(backend));
        client.send(get("/slow"));
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests().size() == 1);

        // More than a head's worth of bytes (the router stops reading until the exchange is over), in
        // fewer requests than Netty's codec takes pipelined at once (128): they are replayed to it together.
        StringBuilder pipelined = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            pipelined.append("GET /" + i + " HTTP/1.1\r\nHost: app.com\r\nX-Padding: " + "p".repeat(100) + "\r\n\r\n");
        }
        assertThat(pipelined.length()).isGreaterThan(RequestHeadScan.MAX_HEAD);
        client.send(pipelined.toString());
        release.countDown();

        assertThat(client.read(false).text()).isEqualTo("/slow");
        for (int i = 0; i < 100; i++) {
            assertThat(client.read(false).text()).isEqualTo("/" + i);
        }
        assertThat(backend.requests()).hasSize(101);
    }

    @Test
    void anUnknownHostGetsA404AndTheConnectionsNextRequestIsAnswered() throws Exception {
        ScriptedBackend backend = echo();
        ByteClient client = client(router(backend));

        ByteClient.Response unknown = client.exchange("GET / HTTP/1.1\r\nHost: nobody.example\r\n\r\n");
        ByteClient.Response known = client.exchange(get("/known"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("No application is routed for <code>nobody.example</code>");
        assertThat(known.text()).isEqualTo("/known ");
    }

    @Test
    void anHttp10RequestIsHandedOverAndAnsweredInHttp10() throws Exception {
        ScriptedBackend backend = echo();
        ByteClient client = client(router(backend));

        assertThat(client.exchange(get("/first")).text()).isEqualTo("/first ");
        ByteClient.Response old = client.exchange("GET /old HTTP/1.0\r\nHost: app.com\r\nX-Tight:tight\r\n\r\n");

        assertThat(old.statusLine()).startsWith("HTTP/1.0 200");
        assertThat(old.text()).isEqualTo("/old ");
        assertThat(old.header(WAY)).containsExactly("codec");
        assertThat(client.isClosedByRouter()).isTrue();
    }

    @Test
    void relayedExchangesAreLoggedAndCountedWithTheBodysBytesOnly() throws Exception {
        Path log = directory.resolve("access.log");
        ScriptedBackend backend = backend(exchange -> {
            switch (exchange.request().path().split("\\?")[0]) {
                case "/length" -> exchange.send(ok("x".repeat(100)));
                case "/chunked" -> exchange.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n");
                case "/until-close" -> {
                    exchange.send("HTTP/1.1 200 OK\r\n\r\n7 bytes");
                    exchange.close();
                }
                case "/head" -> exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
                default -> exchange.send("NOT HTTP\r\n\r\n");
            }
        });
        Router router = router(settings().withAccessLog(log), backend.target("i-1"));
        ByteClient client = client(router);

        client.exchange(ByteClient.get("/length?token=secret"));
        client.exchange(ByteClient.get("/chunked"));
        client.exchange(ByteClient.get("/until-close"));
        client.exchange("HEAD /head HTTP/1.1\r\nHost: app.com\r\n\r\n");
        int page = client.exchange(ByteClient.get("/bad")).body().length;
        client.exchange("GET /elsewhere HTTP/1.1\r\nHost: nobody.example\r\n\r\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readAllLines(log).size() == 6);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = Files.readAllLines(log).stream().map(line -> read(json, line)).toList();
        assertThat(lines).extracting(line -> line.get("method").asText() + " " + line.get("path").asText() + " "
                + line.get("status").asInt() + " " + line.get("bytes").asLong() + " " + line.get("upstream").asText())
                .containsExactly(
                        "GET /length 200 100 " + backend.upstream(),
                        "GET /chunked 200 11 " + backend.upstream(),
                        "GET /until-close 200 7 " + backend.upstream(),
                        "HEAD /head 200 0 " + backend.upstream(),
                        "GET /bad 502 " + page + " " + backend.upstream(),
                        "GET /elsewhere 404 " + lines.get(5).get("bytes").asLong() + " -");
        assertThat(lines).allSatisfy(line -> assertThat(line.get("host").asText()).isIn("app.com", "nobody.example"));
        TrafficStats traffic = router.statistics().instances().get(0).traffic();
        assertThat(traffic.requests()).isEqualTo(5);
        assertThat(traffic.bytes()).isEqualTo(100 + 11 + 7 + page);
        assertThat(traffic.status2xx()).isEqualTo(4);
        assertThat(traffic.status5xx()).isEqualTo(1);
        assertThat(router.statistics().unrouted().status4xx()).isEqualTo(1);
    }

    @Test
    void aClientThatStopsInTheMiddleOfAHeadIsClosedAtTheIdleTimeout() throws Exception {
        ScriptedBackend backend = echo();
        Router router = router(settings().withIdleTimeout(Duration.ofMillis(300)), backend.target("i-1"));
        ByteClient client = client(router);

        client.send("GET / HTTP/1.1\r\nHost: app.c");
        long sent = System.nanoTime();

        assertThat(client.isClosedByRouter()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void afterAResponseSlowerThanTheIdleTimeoutTheConnectionMaySitIdleForTheWholeTimeout() throws Exception {
        // The times are the scenario, not waits for something: the instance answers after nearly two idle
        // timeouts, and the client sends its next request half a timeout after that answer.
        ScriptedBackend backend = backend(exchange -> {
            if (exchange.request().path().equals("/slow")) {
                Thread.sleep(1800);
            }
            exchange.send(ok(exchange.request().path()));
        });
        Router router = router(settings().withIdleTimeout(Duration.ofMillis(1000)), backend.target("i-1"));
        ByteClient client = client(router);

        assertThat(client.exchange(ByteClient.get("/slow")).text()).as("not cut while it was awaited").isEqualTo("/slow");
        Thread.sleep(500);

        assertThat(client.exchange(ByteClient.get("/next")).text()).isEqualTo("/next");
    }

    @Test
    void aClientThatLeavesMidResponseClosesTheBackendConnectionAndReleasesItsTarget() throws Exception {
        Path log = directory.resolve("access.log");
        ScriptedBackend backend = backend(exchange -> {
            if (exchange.request().path().equals("/big")) {
                exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n").send(new byte[64 * 1024]);
            } else {
                exchange.send(ok("small"));
            }
        });
        Router router = router(settings().withAccessLog(log), backend.target("i-1"));
        ByteClient leaving = new ByteClient(router.port());
        try (leaving) {
            leaving.send(ByteClient.get("/big"));
            assertThat(leaving.readHead().status()).isEqualTo(200);
            leaving.bytes(1000);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> backend.closedByRouter() == 1);
        assertThat(client(router).exchange(ByteClient.get("/small")).text()).isEqualTo("small");
        assertThat(backend.accepted()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readAllLines(log).size() == 2);
        assertThat(read(new ObjectMapper(), Files.readAllLines(log).get(0)).get("status").asInt()).isEqualTo(499);
        // Nothing of the exchange is left in flight: the target drains at once.
        DrainResult drained = router.drain(RoutingTable.of(2, List.of()), Duration.ofSeconds(10));
        assertThat(drained.isComplete()).isTrue();
    }

    @Test
    void overHttpsTheRelayTellsTheInstanceAndHandsOverAsOverPlainHttp() throws Exception {
        TestCertificates authority = TestCertificates.authority(directory.resolve("authority"));
        ScriptedBackend backend = echo();
        Router router = closer.add(Router.start(settings().withHttpsPort(0), new RoutingTable(1,
                List.of(Route.of("app.com", List.of(backend.target("i-1")))), List.of(authority.issue("app.com")), List.of())));
        SSLSocket socket = closer.add((SSLSocket) authority.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), router.httpsPort()));
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName("app.com")));
        socket.setSSLParameters(parameters);
        ByteClient client = closer.add(new ByteClient(socket));

        ByteClient.Response relayed = client.exchange(get("/1"));
        client.send("POST /2 HTTP/1.1\r\nHost: app.com\r\nContent-Length: 4\r\n\r\nbody");
        ByteClient.Response post = client.read(false);
        ByteClient.Response after = client.exchange(get("/3"));

        assertThat(List.of(relayed, post, after)).extracting(ByteClient.Response::text).containsExactly("/1 ", "/2 body", "/3 ");
        assertThat(relayed.header(WAY)).containsExactly("bytes");
        assertThat(after.header(WAY)).containsExactly("codec");
        assertThat(backend.requests()).allSatisfy(request -> {
            assertThat(request.header("X-Forwarded-Proto")).containsExactly("https");
            assertThat(request.header("X-Forwarded-Port")).containsExactly(Integer.toString(router.httpsPort()));
        });
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
