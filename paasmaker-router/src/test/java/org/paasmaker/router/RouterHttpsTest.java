package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.ServedCertificate;

/**
 * The HTTPS listener over real sockets, with certificates of a test authority: SNI, ALPN (HTTP/2 and
 * HTTP/1.1 on one port), the forwarded headers, the protocol versions; and, on plain HTTP, the
 * redirect to HTTPS and the ACME challenges.
 */
class RouterHttpsTest {

    @TempDir
    static Path authorityDirectory;
    static TestCertificates authority;
    static ServedCertificate exact;
    static ServedCertificate wildcard;
    static ServedCertificate local;

    private final Closer closer = new Closer();

    @BeforeAll
    static void issue() throws Exception {
        authority = TestCertificates.authority(authorityDirectory);
        exact = authority.issue("app.foo.com");
        wildcard = authority.issue("*.foo.com", "foo.com");
        local = authority.issue("localhost");
    }

    @AfterEach
    void close() {
        closer.close();
    }

    @Test
    void sniPicksTheExactNameOverAWildcardAndAWildcardForDeeperNames() throws Exception {
        Router router = https(new RoutingTable(1, List.of(), List.of(wildcard, exact), List.of()));

        assertThat(served(router, "app.foo.com")).isEqualTo(TestCertificates.leaf(exact));
        assertThat(served(router, "APP.foo.com")).isEqualTo(TestCertificates.leaf(exact));
        assertThat(served(router, "other.foo.com")).isEqualTo(TestCertificates.leaf(wildcard));
        assertThat(served(router, "a.b.foo.com")).isEqualTo(TestCertificates.leaf(wildcard));
        assertThat(served(router, "foo.com")).isEqualTo(TestCertificates.leaf(wildcard));
    }

    @Test
    void aHandshakeWithoutSniOrForANameNoCertificateCoversIsRefused() throws Exception {
        Router router = https(new RoutingTable(1, List.of(), List.of(exact), List.of()));

        assertThatThrownBy(() -> served(router, "other.example")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> served(router, null)).isInstanceOf(IOException.class);
        // The listener still serves the names it has certificates for.
        assertThat(served(router, "app.foo.com")).isEqualTo(TestCertificates.leaf(exact));
    }

    @Test
    void aNewTableServesItsCertificateToNewConnections() throws Exception {
        Router router = https(new RoutingTable(1, List.of(), List.of(exact), List.of()));
        assertThat(served(router, "app.foo.com")).isEqualTo(TestCertificates.leaf(exact));
        ServedCertificate renewed = authority.issue("app.foo.com");

        router.update(new RoutingTable(2, List.of(), List.of(renewed), List.of()));

        assertThat(served(router, "app.foo.com")).isEqualTo(TestCertificates.leaf(renewed));
    }

    @Test
    void aTableWhosePemDidNotChangeKeepsItsTlsContext() {
        ServedCertificates first = ServedCertificates.compile(List.of(exact, wildcard), ServedCertificates.NONE);
        ServedCertificate renewed = new ServedCertificate(List.of("*.foo.com"), wildcard.chainPem(), wildcard.keyPem());

        ServedCertificates second = ServedCertificates.compile(List.of(exact, renewed), first);

        assertThat(second.find("app.foo.com")).isSameAs(first.find("app.foo.com"));
        assertThat(second.find("x.foo.com")).isSameAs(first.find("x.foo.com"));
        assertThat(second.find("foo.com")).isNull();
    }

    @Test
    void aCertificateThatCannotBeServedRefusesTheTableAndTheOldOneStays() throws Exception {
        Router router = https(new RoutingTable(1, List.of(), List.of(exact), List.of()));
        ServedCertificate mismatched = new ServedCertificate(List.of("bad.foo.com"), exact.chainPem(),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> router.update(new RoutingTable(2, List.of(), List.of(mismatched), List.of())))
                .hasMessageContaining("[bad.foo.com]");

        assertThat(router.table().generation()).isEqualTo(1);
        assertThat(served(router, "app.foo.com")).isEqualTo(TestCertificates.leaf(exact));
    }

    @Test
    void http2AndHttp11ClientsReachTheInstanceThroughTheSamePortAsHttps() throws Exception {
        TestBackend backend = closer.add(TestBackend.start("v1"));
        Router router = https(new RoutingTable(1, List.of(Route.of("localhost", List.of(backend.target("app", 1)))),
                List.of(local), List.of()));
        URI root = URI.create("https://localhost:" + router.httpsPort() + "/");

        HttpResponse<String> h2 = client(HttpClient.Version.HTTP_2).send(HttpRequest.newBuilder(root).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> h1 = client(HttpClient.Version.HTTP_1_1).send(HttpRequest.newBuilder(root).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> echoed = client(HttpClient.Version.HTTP_2).send(HttpRequest.newBuilder(root.resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(200_000))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = client(HttpClient.Version.HTTP_2).send(HttpRequest.newBuilder(root)
                .header("X-Forwarded-Proto", "http").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h2.statusCode()).isEqualTo(200);
        assertThat(h2.body()).isEqualTo("v1");
        assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(h1.body()).isEqualTo("v1");
        assertThat(echoed.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(echoed.body()).hasSize(200_000);
        assertThat(unknown.body()).isEqualTo("v1");
        for (TestBackend.Seen seen : backend.seen()) {
            assertThat(seen.header("X-forwarded-proto")).isEqualTo("https");
            assertThat(seen.header("X-forwarded-port")).isEqualTo(Integer.toString(router.httpsPort()));
            assertThat(seen.header("X-forwarded-host")).startsWith("localhost");
            assertThat(seen.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-http2"));
        }
        assertThat(router.statistics().instances().get(0).traffic().requests()).isEqualTo(4);
        assertThat(router.busyDropped()).isZero();
    }

    @Test
    void http2RequestsAreInTheAccessLogAndTheStatisticsAsHttp11OnesAre(@TempDir Path directory) throws Exception {
        TestBackend backend = closer.add(TestBackend.start("v1"));
        Path log = directory.resolve("access.log");
        Router router = closer.add(Router.start(RouterSettings.onPort(0).withHttpsPort(0).withBindAddress("127.0.0.1")
                .withAccessLog(log), new RoutingTable(1, List.of(Route.of("localhost", List.of(backend.target("app", 1)))),
                List.of(local), List.of())));
        HttpClient client = client(HttpClient.Version.HTTP_2);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + router.httpsPort() + "/bytes?n=300&token=secret")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).hasSize(300);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> java.nio.file.Files.exists(log) && !java.nio.file.Files.readAllLines(log).isEmpty());
        assertThat(java.nio.file.Files.readAllLines(log)).singleElement().asString()
                .contains("\"host\":\"localhost:" + router.httpsPort() + "\"", "\"method\":\"GET\"",
                        "\"path\":\"/bytes\"", "\"status\":200", "\"bytes\":300");
        assertThat(router.statistics().applications()).singleElement()
                .satisfies(application -> assertThat(application.traffic().bytes()).isEqualTo(300));
    }

    @Test
    void anIdleHttp2ConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        Router router = closer.add(Router.start(RouterSettings.onPort(0).withHttpsPort(0).withBindAddress("127.0.0.1")
                .withIdleTimeout(Duration.ofMillis(300)), new RoutingTable(1, List.of(), List.of(local), List.of())));
        try (SSLSocket socket = socket(router, "localhost")) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
            // The client preface and an empty SETTINGS frame; then nothing, until the router closes.
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            socket.getOutputStream().flush();

            // Within the socket's 10 s read timeout: a SocketTimeoutException fails the test.
            socket.getInputStream().readAllBytes();
        }
    }

    @Test
    void anUnknownHostOverHttp2GetsTheRoutersErrorPage() throws Exception {
        Router router = https(new RoutingTable(1, List.of(), List.of(local), List.of()));

        HttpResponse<String> response = client(HttpClient.Version.HTTP_2).send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + router.httpsPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Unknown hostname");
        assertThat(router.statistics().unrouted().status4xx()).isEqualTo(1);
    }

    @Test
    void tls12WithAnAeadCipherIsServedAndTls11IsRefused() throws Exception {
        Router router = https(new RoutingTable(1, List.of(), List.of(exact), List.of()));
        try (SSLSocket socket = socket(router, "app.foo.com")) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "CHACHA20");
        }

        // The JDK's client no longer speaks TLS 1.1, so its hello is written by hand.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), router.httpsPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(tls11ClientHello("app.foo.com"));
            out.flush();
            InputStream in = socket.getInputStream();
            int recordType = in.read();
            // An alert (21), or the connection closed: never a handshake record (22) with a ServerHello.
            assertThat(recordType).isIn(21, -1);
        }
    }

    @Test
    void plainHttpForARouteServedOverHttpsOnlyIsRedirected() throws Exception {
        TestBackend backend = closer.add(TestBackend.start("v1"));
        Router router = https(new RoutingTable(1, List.of(
                new Route("app.foo.com", List.of(backend.target("app", 1)), true),
                Route.of("plain.foo.com", List.of(backend.target("app", 1)))), List.of(exact), List.of()));

        RawHttp.Response get = RawHttp.get(router.port(), "app.foo.com:" + router.port(), "/a/b?q=1&r=2");
        RawHttp.Response post;
        try (RawHttp http = new RawHttp(router.port())) {
            post = http.exchange("POST /form HTTP/1.1\r\nHost: APP.foo.com\r\nContent-Length: 3\r\n\r\nabc");
        }
        RawHttp.Response plain = RawHttp.get(router.port(), "plain.foo.com", "/");

        assertThat(get.status()).isEqualTo(301);
        assertThat(get.header("location")).isEqualTo("https://app.foo.com:" + router.httpsPort() + "/a/b?q=1&r=2");
        assertThat(post.status()).isEqualTo(308);
        assertThat(post.header("location")).isEqualTo("https://APP.foo.com:" + router.httpsPort() + "/form");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(backend.seen()).hasSize(1);
        // Over HTTPS the same route is proxied.
        try (SSLSocket socket = socket(router, "app.foo.com")) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: app.foo.com\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200").endsWith("v1");
        }
    }

    @Test
    void plainHttpAnswersAcmeChallengesForAnyHostBeforeRoutesAndRedirects() throws Exception {
        TestBackend backend = closer.add(TestBackend.start("v1"));
        String token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
        AcmeChallenge challenge = new AcmeChallenge(token, token + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI");
        Router router = https(new RoutingTable(1, List.of(
                new Route("app.foo.com", List.of(backend.target("app", 1)), true)), List.of(exact), List.of(challenge)));

        RawHttp.Response answered = RawHttp.get(router.port(), "app.foo.com", "/.well-known/acme-challenge/" + token);
        RawHttp.Response elsewhere = RawHttp.get(router.port(), "not-routed.example", "/.well-known/acme-challenge/" + token);
        RawHttp.Response unknown = RawHttp.get(router.port(), "app.foo.com",
                "/.well-known/acme-challenge/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.header("content-type")).startsWith("text/plain");
        assertThat(answered.text()).isEqualTo(challenge.keyAuthorization());
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(elsewhere.text()).isEqualTo(challenge.keyAuthorization());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(backend.seen()).isEmpty();
    }

    @Test
    void anHttpsPortInUseIsNamedWithItsSetting() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Router.start(RouterSettings.onPort(0).withHttpsPort(taken.getLocalPort())
                    .withBindAddress("127.0.0.1")))
                    .isInstanceOf(org.paasmaker.api.error.PaasmakerException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("PAASMAKER_ROUTER_HTTPS_PORT");
        }
    }

    private Router https(RoutingTable table) {
        return closer.add(Router.start(RouterSettings.onPort(0).withHttpsPort(0).withBindAddress("127.0.0.1"), table));
    }

    private static SSLSocket socket(Router router, String sniName) throws Exception {
        SSLSocket socket = (SSLSocket) authority.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), router.httpsPort());
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(sniName == null ? List.of() : List.of(new SNIHostName(sniName)));
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** The certificate the router presents for this SNI name (none sent when null). */
    private static X509Certificate served(Router router, String sniName) throws Exception {
        try (SSLSocket socket = socket(router, sniName)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static HttpClient client(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).sslContext(authority.clientContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A TLS 1.1 ClientHello with SNI and ECDHE-CBC suites (TLS 1.1 has no AEAD), as an old client sends it. */
    static byte[] tls11ClientHello(String sniName) {
        byte[] name = sniName.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer extensions = ByteBuffer.allocate(64 + name.length);
        extensions.putShort((short) 0).putShort((short) (name.length + 5)).putShort((short) (name.length + 3))
                .put((byte) 0).putShort((short) name.length).put(name);
        extensions.putShort((short) 0x000a).putShort((short) 4).putShort((short) 2).putShort((short) 0x0017);
        extensions.putShort((short) 0x000b).putShort((short) 2).put((byte) 1).put((byte) 0);
        extensions.flip();
        short[] suites = {(short) 0xc013, (short) 0xc009, (short) 0x002f};
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ByteBuffer body = ByteBuffer.allocate(512);
        body.put((byte) 3).put((byte) 2).put(random).put((byte) 0).putShort((short) (suites.length * 2));
        for (short suite : suites) {
            body.putShort(suite);
        }
        body.put((byte) 1).put((byte) 0).putShort((short) extensions.remaining()).put(extensions);
        body.flip();
        ByteBuffer record = ByteBuffer.allocate(body.remaining() + 9);
        record.put((byte) 22).put((byte) 3).put((byte) 1).putShort((short) (body.remaining() + 4))
                .put((byte) 1).put((byte) 0).putShort((short) body.remaining()).put(body);
        return record.array();
    }
}
