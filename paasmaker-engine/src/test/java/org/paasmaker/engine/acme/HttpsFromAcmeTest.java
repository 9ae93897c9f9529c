package org.paasmaker.engine.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.certificate.CertificateSource;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.certificate.KeeperSettings;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/**
 * Issue 19 end to end: an engine, a router in its JVM serving HTTPS, and Debian's pebble as the ACME
 * server, which validates through the router's own answers to its HTTP-01 challenges. A new
 * application's hostname gets a certificate that the router serves by SNI; it is renewed (every round
 * here, since the keeper is told to renew whatever is left); and once pebble is gone, the failing
 * renewal shows in the platform's health while the certificate in hand is still served.
 */
class HttpsFromAcmeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String HOST = "hello.example.com";

    @TempDir
    Path temp;

    private Router router;
    private Pebble pebble;
    private EngineFixture fixture;
    /** Pebble's issuing root, kept for after pebble is gone. */
    private X509Certificate pebbleRoot;

    @AfterEach
    void stop() {
        try {
            if (fixture != null) {
                fixture.stopEverything();
                fixture.close();
            }
        } finally {
            try {
                if (pebble != null) {
                    pebble.close();
                }
            } finally {
                router.close();
            }
        }
    }

    @Test
    void aNewApplicationsHostnameGetsACertificateServedBySniThatIsRenewedAndAFailingRenewalShowsInHealth()
            throws Exception {
        router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1").withHttpsPort(0));
        pebble = Pebble.answeringOn(router.port()).certificateLifetime(Duration.ofHours(1)).start();
        pebbleRoot = pebble.issuingRoot();
        fixture = new EngineFixture(temp.resolve("home"), builder -> builder.router(router)
                .certificateIssuer(new AcmeCertificateIssuer(pebble.settings(Optional.empty()), temp.resolve("home")))
                .certificateKeeping(new KeeperSettings(Duration.ofMillis(500), Duration.ofDays(1))));
        var application = running();

        await("a certificate from pebble").atMost(DEADLINE).until(() -> !fixture.engine().certificates()
                .list(application).isEmpty());
        var obtained = fixture.engine().certificates().list(application).get(0).certificate();
        assertThat(obtained.source()).isEqualTo(CertificateSource.ACME);
        assertThat(obtained.names()).contains(HOST);
        X509Certificate served = await("the router to serve it").atMost(DEADLINE).ignoreExceptions()
                .until(this::servedCertificate, Objects::nonNull);
        assertThat(get()).startsWith("HTTP/1.1 200").contains("Directory listing");
        assertThat(plainGet()).as("plain HTTP, redirected").startsWith("HTTP/1.1 301")
                .contains("location: https://" + HOST + ":" + router.httpsPort() + "/");

        BigInteger first = served.getSerialNumber();
        await("a renewed certificate served").atMost(DEADLINE).ignoreExceptions()
                .until(() -> !servedCertificate().getSerialNumber().equals(first));
        assertThat(get()).startsWith("HTTP/1.1 200");
        assertThat(fixture.engine().certificates().warnings()).isEmpty();

        pebble.close();
        pebble = null;
        await("the failing renewal in health").atMost(DEADLINE)
                .until(() -> !fixture.engine().certificates().warnings().isEmpty());
        assertThat(fixture.engine().certificates().warnings()).singleElement().asString()
                .startsWith("certificate for " + HOST).contains("could not be renewed").contains("it expires at");
        assertThat(get()).as("the certificate in hand is served meanwhile").startsWith("HTTP/1.1 200");
    }

    /** The application, its one version running and current, with a redirected hostname. */
    private ApplicationId running() throws Exception {
        Path app = EngineFixture.writeApp(temp.resolve("hello"), Map.of("manifest.yml", """
                manifest: {format: 1}
                application:
                  name: hello
                  redirect_https: [%s]
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 -m http.server %%(port)d --bind 127.0.0.1"
                    hostnames: [%s]
                """.formatted(HOST, HOST)));
        JobView prepared = fixture.prepare(SourceSpec.directory(app));
        ApplicationVersion version = fixture.engine().versions().get(new VersionId(
                Long.parseLong(prepared.tags().get("version_id"))));
        fixture.succeed(fixture.engine().versions().start(version.id()));
        fixture.succeed(fixture.engine().versions().makeCurrent(version.id()));
        return version.applicationId();
    }

    /** What the router presents for the hostname, verified against pebble's root for that name. */
    private X509Certificate servedCertificate() throws Exception {
        try (SSLSocket socket = connect()) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** A GET over HTTPS to the hostname, its answer's head and the start of its body. */
    private String get() throws Exception {
        try (SSLSocket socket = connect()) {
            return exchange(socket);
        }
    }

    private String plainGet() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", router.port()), 5_000);
            return exchange(socket).toLowerCase(Locale.ROOT).replace("http/1.1", "HTTP/1.1");
        }
    }

    private SSLSocket connect() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("pebble", pebbleRoot);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", router.httpsPort()), 5_000);
        plain.setSoTimeout(10_000);
        // Layered on a socket to 127.0.0.1, named by the hostname: SNI and the name check use it.
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, HOST, router.httpsPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(HOST)));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static String exchange(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
