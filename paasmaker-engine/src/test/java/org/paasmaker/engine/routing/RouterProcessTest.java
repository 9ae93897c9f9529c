package org.paasmaker.engine.routing;

import org.paasmaker.api.routing.AccessLogLimit;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.router.Closer;
import org.paasmaker.router.RawHttp;
import org.paasmaker.router.TestBackend;
import org.paasmaker.router.TestCertificates;
import org.paasmaker.api.routing.RouterHealth;
import org.paasmaker.api.routing.ServedCertificate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RouterProcessTest {

    @TempDir
    Path state;

    private final Closer closer = new Closer();
    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        try {
            closer.close();
        } finally {
            // Whatever a failed test left running: every router the state directory recorded.
            for (ProcessRecord record : new ProcessRecords(state.resolve("process"), warnings::add).adoptable()) {
                new ProcessGroupKiller().stop(record.identity(), Duration.ofSeconds(5));
            }
        }
    }

    private RouterProcess startOrAdopt() {
        return RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0, List.of("--bind=127.0.0.1",
                "--event-loops=1"), List.of("-Xmx64m", "-XX:+UseSerialGC"), Duration.ofSeconds(60), warnings::add, TestRouterCode.classPath()));
    }

    private TestBackend backend(String name) throws Exception {
        return closer.add(TestBackend.start(name));
    }

    private static RoutingTable table(long generation, TestBackend backend) {
        return RoutingTable.of(generation, List.of(Route.of("app.com", List.of(backend.target("app", 1)))));
    }

    @Test
    void theRouterProcessServesPushedTablesAndReportsItsTraffic() throws Exception {
        TestBackend backend = backend("one");
        RouterProcess router = startOrAdopt();

        router.update(table(1, backend));

        assertThat(RawHttp.get(router.port(), "app.com", "/").text()).isEqualTo("one");
        assertThat(router.table()).isEqualTo(table(1, backend));
        assertThat(router.statistics().instances()).singleElement()
                .satisfies(instance -> assertThat(instance.traffic().requests()).isEqualTo(1));
        assertThat(router.drain(RoutingTable.of(2, List.of()), Duration.ofSeconds(10)).drained())
                .containsExactly(backend.target("app", 1));
        assertThat(RawHttp.get(router.port(), "app.com", "/").status()).isEqualTo(404);
        assertThat(Files.readString(state.resolve("access.log"))).contains("\"host\":\"app.com\"");
        assertThatThrownBy(() -> router.update(table(1, backend))).isInstanceOf(PaasmakerException.class)
                .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void theRouterProcessServesHttpsWithTheCertificatesOfThePushedTable() throws Exception {
        TestBackend backend = backend("one");
        ServedCertificate certificate = TestCertificates.authority(state.resolve("ca")).issue("app.com");
        RouterProcess router = RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0, 0, List.of("--bind=127.0.0.1",
                "--event-loops=1"), List.of("-Xmx64m", "-XX:+UseSerialGC"), Duration.ofSeconds(60), warnings::add,
                TestRouterCode.classPath()));
        RoutingTable table = new RoutingTable(1, List.of(new Route("app.com", List.of(backend.target("app", 1)), true)),
                List.of(certificate), List.of());

        router.update(table);

        // Over the control channel both ways: the engine's JSON carries certificates and the redirect flag.
        assertThat(router.table()).isEqualTo(table);
        assertThat(router.httpsPort()).isPositive().isNotEqualTo(router.port());
        assertThat(RawHttp.get(router.port(), "app.com", "/").header("location"))
                .isEqualTo("https://app.com:" + router.httpsPort() + "/");
        SSLSocket socket = (SSLSocket) TestCertificates.authority(state.resolve("other-ca")).clientContext()
                .getSocketFactory().createSocket("127.0.0.1", router.httpsPort());
        try (socket) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName("app.com")));
            socket.setSSLParameters(parameters);
            // Trusted by no test authority of this client: the handshake gets as far as the certificate.
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX");
        }

        RouterProcess plainOnly = RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0, List.of("--bind=127.0.0.1"),
                List.of("-Xmx64m"), Duration.ofSeconds(60), warnings::add, TestRouterCode.classPath()));

        assertThat(plainOnly.httpsPort()).isEqualTo(RouterProcessSettings.HTTPS_OFF);
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).contains("HTTPS port is now -1"));
    }

    @Test
    void theHealthOfARouterFromBeforeHttpsReadsAsNoHttpsListener() {
        byte[] old = "{\"generation\":4,\"proxyPort\":8080,\"pid\":77}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        RouterHealth health = RoutingJson.read(RoutingJson.withDefault(old, "httpsPort", -1), RouterHealth.class);

        assertThat(health).isEqualTo(new RouterHealth(4, 8080, 77, RouterProcessSettings.HTTPS_OFF));
    }

    @Test
    void theHttpsPortComesFromTheEnvironmentAndAWrongOneIsNamed() {
        assertThat(RouterProcessSettings.httpsPort(java.util.Map.of())).isEqualTo(8443);
        assertThat(RouterProcessSettings.httpsPort(java.util.Map.of("PAASMAKER_ROUTER_HTTPS_PORT", "-1"))).isEqualTo(-1);
        assertThatThrownBy(() -> RouterProcessSettings.httpsPort(java.util.Map.of("PAASMAKER_ROUTER_HTTPS_PORT", "https")))
                .hasMessageContaining("PAASMAKER_ROUTER_HTTPS_PORT is 'https'");
    }

    @Test
    void theJvmOptionsComeFromTheEnvironmentWholeAndAWrongOneIsNamed() {
        assertThat(RouterProcessSettings.jvmOptions(java.util.Map.of())).isEqualTo(RouterProcessSettings.DEFAULT_JVM_OPTIONS)
                .contains("-Xms16m", "-XX:+UseSerialGC");
        assertThat(RouterProcessSettings.jvmOptions(java.util.Map.of("PAASMAKER_ROUTER_JVM_OPTIONS", " -Xmx512m\t-Dx=a ")))
                .containsExactly("-Xmx512m", "-Dx=a");
        assertThatThrownBy(() -> RouterProcessSettings.jvmOptions(java.util.Map.of("PAASMAKER_ROUTER_JVM_OPTIONS", "-Xmx64m 64m")))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("PAASMAKER_ROUTER_JVM_OPTIONS is '-Xmx64m 64m', where '64m' is no JVM option");
        assertThatThrownBy(() -> RouterProcessSettings.jvmOptions(java.util.Map.of("PAASMAKER_ROUTER_JVM_OPTIONS", "-cp /x")))
                .hasMessageContaining("'-cp' names the code to run");
    }

    @Test
    void aRouterLaunchedWithOptionsTheJvmRefusesSaysWhy() {
        assertThatThrownBy(() -> RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0, List.of("--bind=127.0.0.1"),
                RouterProcessSettings.jvmOptions(java.util.Map.of("PAASMAKER_ROUTER_JVM_OPTIONS", "-Xmx64m -XX:+NoSuchOption")),
                Duration.ofSeconds(60), warnings::add, TestRouterCode.classPath())))
                .isInstanceOf(PaasmakerException.class).hasMessageContaining("NoSuchOption");
    }

    @Test
    void theRouterProcessKeepsItsAccessLogToTheLimitItIsGiven() throws Exception {
        TestBackend backend = backend("one");
        List<String> arguments = new ArrayList<>(List.of("--bind=127.0.0.1", "--event-loops=1"));
        arguments.addAll(new AccessLogLimit(4096, 1).arguments());
        RouterProcess router = RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0, arguments,
                List.of("-Xmx64m", "-XX:+UseSerialGC"), Duration.ofSeconds(60), warnings::add, TestRouterCode.classPath()));
        router.update(table(1, backend));

        try (RawHttp http = new RawHttp(router.port())) {
            for (int i = 1; i <= 200; i++) {
                http.get("app.com", "/" + i);
            }
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.readString(state.resolve("access.log")).contains("\"path\":\"/200\""));
        assertThat(Files.size(state.resolve("access.log"))).isLessThanOrEqualTo(4096);
        assertThat(Files.size(state.resolve("access.log.1"))).isLessThanOrEqualTo(4096);
        assertThat(state.resolve("access.log.2")).doesNotExist();
    }

    @Test
    void theControlChannelRefusesACallWithoutTheSecret() throws Exception {
        startOrAdopt();
        int controlPort = Integer.parseInt(Files.readString(state.resolve("control.port")).strip());
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/table"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/table"))
                .header("Authorization", "Bearer guessed").PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Files.getPosixFilePermissions(state.resolve("control.secret")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aRestartedRouterServesItsPersistedTableBeforeAnyPush() throws Exception {
        TestBackend backend = backend("one");
        RouterProcess router = startOrAdopt();
        router.update(table(3, backend));
        long firstPid = router.pid();

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(firstPid).map(p -> !p.isAlive()).orElse(true));
        RouterProcess next = RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0,
                List.of("--bind=127.0.0.1"), List.of("-Xmx64m"), Duration.ofSeconds(60), warnings::add, TestRouterCode.classPath()));

        assertThat(next.pid()).isNotEqualTo(firstPid);
        assertThat(RawHttp.get(next.port(), "app.com", "/").text()).isEqualTo("one");
        assertThat(next.table().generation()).isEqualTo(3);
    }

    @Test
    void aRouterThatDiedIsStartedAgainByTheNextCall() throws Exception {
        TestBackend backend = backend("one");
        RouterProcess router = startOrAdopt();
        router.update(table(1, backend));
        long firstPid = router.pid();

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(firstPid).map(p -> !p.isAlive()).orElse(true));
        router.ensureRunning();

        assertThat(router.pid()).isNotEqualTo(firstPid);
        assertThat(RawHttp.get(router.port(), "app.com", "/").text()).isEqualTo("one");
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).contains("has died"));
    }

    @Test
    void aRouterThatCannotStartSaysWhyFromItsLog() throws Exception {
        Files.createDirectories(state);
        Files.writeString(state.resolve("table.json"), "{\"generation\": 1, \"routes\": [{\"hostname\": \"a b\"}]}");

        assertThatThrownBy(this::startOrAdopt).isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("exited before it opened its control channel")
                .hasMessageContaining("table.json")
                .hasMessageContaining("'a b' is no hostname pattern");
        assertThat(Files.exists(state.resolve("process/router.json"))).isFalse();
    }

    @Test
    void aNewEngineAdoptsTheRunningRouterInsteadOfStartingASecond() throws Exception {
        TestBackend backend = backend("one");
        RouterProcess first = startOrAdopt();
        first.update(table(1, backend));

        RouterProcess adopted = startOrAdopt();

        assertThat(adopted.pid()).isEqualTo(first.pid());
        assertThat(adopted.port()).isEqualTo(first.port());
        assertThat(adopted.table().generation()).isEqualTo(1);
        adopted.update(table(2, backend));
        assertThat(first.table().generation()).isEqualTo(2);
        long pid = adopted.pid();
        adopted.stop(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(Files.exists(state.resolve("process/router.json"))).isFalse();
    }
}
