package org.paasmaker.engine.routing;

import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RoutingTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.routes.FollowingRouter;
import org.paasmaker.router.Load;
import org.paasmaker.router.RawHttp;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/**
 * The engine and a router in its JVM, with real instances behind it: switching the current version,
 * losing an instance and stopping a version under load lose no request that should not be lost.
 */
class VersionSwitchTest {

    private static final int CLIENTS = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Router router;
    private EngineFixture fixture;
    private Path app;

    @BeforeEach
    void start() throws IOException {
        router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
        fixture = new EngineFixture(temp.resolve("home"), builder -> builder.router(router));
        app = SwitchingApp.write(temp.resolve("switch"), 2);
    }

    @AfterEach
    void stop() {
        EngineFixture.tearDown(fixture, () -> router.close());
    }

    @Test
    void tenSwitchesUnderLoadLoseNoRequestAndEachShows() throws Exception {
        VersionId one = running();
        VersionId two = running();
        fixture.succeed(fixture.engine().versions().makeCurrent(one));

        try (Load load = new Load(router.port(), SwitchingApp.HOSTNAME, CLIENTS)) {
            await().atMost(DEADLINE).until(() -> load.answered() >= 100);
            for (int round = 1; round <= 10; round++) {
                VersionId next = round % 2 == 1 ? two : one;
                fixture.succeed(fixture.engine().versions().makeCurrent(next));
                String expected = "version " + fixture.engine().versions().get(next).number();
                await().atMost(DEADLINE).until(load::latest, expected::equals);
                long seen = load.answered();
                await().atMost(DEADLINE).until(() -> load.answered() >= seen + 50);
                assertThat(load.latest()).as("after switch " + round).isEqualTo(expected);
            }
            assertThat(load.failures()).as("failed requests").isEmpty();
        }
        assertThat(RawHttp.get(router.port(), "1.web.switch.test.localhost", "/").text())
                .as("a version's own hostname reaches it whichever is current").isEqualTo("version 1");
        assertThat(RawHttp.get(router.port(), "web.switch.test.localhost", "/").text()).isEqualTo("version 1");
        assertThat(RawHttp.get(router.port(), "unknown.example.com", "/").status()).isEqualTo(404);
    }

    @Test
    void aKilledInstanceCostsAtMostTheRequestsInFlightOnIt() throws Exception {
        VersionId version = running();
        fixture.succeed(fixture.engine().versions().makeCurrent(version));
        Instance victim = fixture.engine().versions().instances(version).get(0);
        long pid = new ProcessRecords(fixture.engine().home().resolve("processes"), warning -> { })
                .find(victim.id().value()).orElseThrow().identity().pid();

        try (Load load = new Load(router.port(), SwitchingApp.HOSTNAME, CLIENTS)) {
            await().atMost(DEADLINE).until(() -> load.answered() >= 100);
            CompletableFuture<Instant> leftTheTable = CompletableFuture.supplyAsync(() -> {
                await().atMost(DEADLINE).pollInterval(Duration.ofMillis(5)).until(() -> router.table().routes().stream()
                        .flatMap(route -> route.targets().stream())
                        .noneMatch(target -> target.instanceId().equals(victim.id().value())));
                return Instant.now();
            });
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            Instant left = leftTheTable.get();
            await().atMost(DEADLINE).until(() -> fixture.engine().versions().instances(version).stream()
                    .filter(i -> i.state() == InstanceState.RUNNING).count() == 2);
            long seen = load.answered();
            await().atMost(DEADLINE).until(() -> load.answered() >= seen + 200);
            List<Load.Failure> failures = load.failures();
            assertThat(failures).as("at most the requests in flight on the killed instance").hasSizeLessThanOrEqualTo(CLIENTS);
            assertThat(failures).as("failures after it left the table").allMatch(failure -> !failure.at().isAfter(left));
        }
    }

    @Test
    void aSlowRequestAndAWebSocketOpenedBeforeASwitchEndNormallyAndAStopWaitsForThem() throws Exception {
        VersionId one = running();
        VersionId two = running();
        fixture.succeed(fixture.engine().versions().makeCurrent(one));

        try (RawHttp slow = new RawHttp(router.port()); WebSocket socket = WebSocket.open(router.port(),
                SwitchingApp.HOSTNAME)) {
            slow.send("GET /slow?seconds=20 HTTP/1.1\r\nHost: " + SwitchingApp.HOSTNAME + "\r\n\r\n");
            assertThat(socket.echo("before")).isEqualTo("version 1: before");

            fixture.succeed(fixture.engine().versions().makeCurrent(two));
            assertThat(RawHttp.get(router.port(), SwitchingApp.HOSTNAME, "/").text()).isEqualTo("version 2");
            assertThat(socket.echo("after")).as("the socket stays with the version it opened on")
                    .isEqualTo("version 1: after");
            socket.close();

            JobId stopping = fixture.engine().versions().stop(one);
            RawHttp.Response response = slow.read(false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("version 1");
            fixture.succeed(stopping);
        }
    }

    @Test
    void throughARouterThatFollowsTheControllerASwitchAndAStopLoseNoRequestAndTheStopWaitsForItsRequestsInFlight()
            throws Exception {
        VersionId one = running();
        fixture.succeed(fixture.engine().versions().makeCurrent(one));
        try (FollowingRouter follower = FollowingRouter.start(fixture.engine().routes().feed(), temp.resolve("follower"))) {
            await().atMost(DEADLINE).until(() -> answer(follower.port()), "version 1"::equals);
            VersionId two = running();
            try (Load load = new Load(follower.port(), SwitchingApp.HOSTNAME, CLIENTS);
                    RawHttp slow = new RawHttp(follower.port())) {
                await().atMost(DEADLINE).until(() -> load.answered() >= 50);
                slow.send("GET /slow?seconds=5 HTTP/1.1\r\nHost: " + SwitchingApp.HOSTNAME + "\r\n\r\n");
                await().atMost(DEADLINE).until(() -> fixture.engine().versions().instances(one).stream()
                        .anyMatch(i -> fixture.engine().versions().instanceLog(i.id(), 10).contains("slow request")));

                fixture.succeed(fixture.engine().versions().makeCurrent(two));
                await().atMost(DEADLINE).until(load::latest, "version 2"::equals);
                // Only the follower sends to version 1 now: the stop must wait for its request in flight.
                JobId stopping = fixture.engine().versions().stop(one);
                RawHttp.Response response = slow.read(false);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo("version 1");
                fixture.succeed(stopping);

                long seen = load.answered();
                await().atMost(DEADLINE).until(() -> load.answered() >= seen + 100);
                assertThat(load.failures()).as("failed requests through the follower").isEmpty();
            }
            await("the feed records the generation the follower serves").atMost(DEADLINE).until(() -> fixture.engine()
                    .routes().feed().confirmations().stream().anyMatch(c -> c.router().equals("follower")
                            && c.generation() == router.table().generation()));
        }
    }

    private static String answer(int port) {
        try {
            return RawHttp.get(port, SwitchingApp.HOSTNAME, "/").text();
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    @Test
    void aClosedWebSocketAndARequestItsClientGaveUpOnLeaveNothingInFlight() throws Exception {
        VersionId one = running();
        fixture.succeed(fixture.engine().versions().makeCurrent(one));
        try (WebSocket socket = WebSocket.open(router.port(), SwitchingApp.HOSTNAME)) {
            assertThat(socket.echo("hello")).isEqualTo("version 1: hello");
        }
        try (RawHttp abandoned = new RawHttp(router.port())) {
            abandoned.send("GET /slow?seconds=5 HTTP/1.1\r\nHost: " + SwitchingApp.HOSTNAME + "\r\n\r\n");
            await().atMost(DEADLINE).until(() -> fixture.engine().versions().instances(one).stream()
                    .anyMatch(i -> fixture.engine().versions().instanceLog(i.id(), 10).contains("slow request")));
        }

        DrainResult drained = router.drain(RoutingTable.of(router.table().generation() + 1, List.of()),
                Duration.ofSeconds(20));

        assertThat(drained.stillBusy()).as("targets that still count a request in flight").isEmpty();
    }

    @Test
    void aVersionWithNoRunningInstanceForItsHostnamesIsNeverMadeCurrent() throws Exception {
        SwitchingApp.write(app, 0);
        VersionId empty = running();

        assertThatThrownBy(() -> fixture.engine().versions().makeCurrent(empty))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("version 1 has no running 'web' instance to serve switch.example.com; start it (or wait"
                        + " until its instances run) before making it current");
    }

    private VersionId running() {
        VersionId id = new VersionId(Long.parseLong(fixture.prepare(SourceSpec.directory(app)).tags().get("version_id")));
        fixture.succeed(fixture.engine().versions().start(id));
        return id;
    }

    /** A WebSocket client by hand: the upgrade, then masked text frames out and unmasked ones back. */
    private static final class WebSocket implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private WebSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static WebSocket open(int port, String host) throws IOException {
            WebSocket ws = new WebSocket(new Socket(InetAddress.getLoopbackAddress(), port));
            ws.socket.setSoTimeout(60_000);
            ws.out.write(("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = ws.in.read();
                if (c < 0) {
                    throw new IOException("the upgrade ended early: " + head);
                }
                head.append((char) c);
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("no upgrade: " + head);
            }
            return ws;
        }

        String echo(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length)});
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            out.flush();
            int opcode = in.read() & 0x0F;
            int length = in.read() & 0x7F;
            byte[] reply = in.readNBytes(length);
            if (opcode != 1) {
                throw new IOException("expected a text frame, got opcode " + opcode);
            }
            return new String(reply, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            if (!socket.isClosed()) {
                out.write(new byte[] {(byte) 0x88, (byte) 0x80, 0, 0, 0, 0});
                out.flush();
                socket.close();
            }
        }
    }
}
