package org.paasmaker.engine.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouterHome;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.ServedCertificate;
import org.paasmaker.engine.TestPorts;
import org.paasmaker.engine.routing.RoutingJson;
import org.paasmaker.engine.routing.TestRouterCode;
import org.paasmaker.router.Closer;
import org.paasmaker.router.RawHttp;
import org.paasmaker.router.TestBackend;
import org.paasmaker.router.TestCertificates;

/**
 * A real router process follows a {@link RouteFeed} served over HTTP by {@link RouteFeedHandler} on a
 * JDK server, as a router on another machine follows the controller's cluster server.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RouterFollowsFeedTest {

    private static final String TOKEN = "node-token-1";
    private static final Duration DEADLINE = Duration.ofSeconds(40);

    @TempDir
    Path temp;

    private final Closer closer = new Closer();
    private final List<Process> routers = new ArrayList<>();
    private final RouteFeed feed = new RouteFeed(Clock.systemUTC());
    private final int controllerPort = TestPorts.free();
    private FeedServer controller;

    @AfterEach
    void stopEverything() throws Exception {
        try {
            for (Process router : routers) {
                router.destroy();
                if (!router.waitFor(20, TimeUnit.SECONDS)) {
                    router.destroyForcibly().waitFor();
                }
            }
            if (controller != null) {
                controller.close();
            }
        } finally {
            closer.close();
        }
    }

    @Test
    void theRouterFollowsNewTablesKeepsServingWhileTheControllerIsAwayAndAfterItsOwnRestart() throws Exception {
        TestBackend one = closer.add(TestBackend.start("one"));
        TestBackend two = closer.add(TestBackend.start("two"));
        controller = new FeedServer(feed, controllerPort);
        Path home = temp.resolve("router-home");
        Path log = temp.resolve("router.log");
        int port = TestPorts.free();
        startRouter(home, port, token(TOKEN), log, "edge-1");

        ServedCertificate certificate = TestCertificates.authority(temp.resolve("ca")).issue("app.com");
        feed.publish(new RoutingTable(1, table(1, one).routes(), List.of(certificate), List.of()));
        await("the router serves generation 1").atMost(DEADLINE).until(() -> answer(port).equals("one"));
        await("the feed records the router's generation").atMost(DEADLINE).until(() -> feed.confirmations().stream()
                .anyMatch(c -> c.router().equals("edge-1") && c.generation() == 1));
        // The router serves a table first and persists it next; it confirms a generation on its next poll, once both are done.
        // The certificate came over the feed with the routes, and the router keeps it (key and all) owner-only.
        Path saved = home.resolve(RouterHome.TABLE);
        assertThat(RoutingJson.read(Files.readAllBytes(saved), RoutingTable.class).certificates()).containsExactly(certificate);
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        controller.close();
        feed.publish(table(2, two));
        await("the router says once that the controller is away").atMost(DEADLINE)
                .until(() -> Files.readString(log).contains("cannot reach the controller"));
        for (int i = 0; i < 20; i++) {
            assertThat(answer(port)).as("served while the controller is away").isEqualTo("one");
        }

        controller = new FeedServer(feed, controllerPort);
        await("the router takes the whole table when the controller is back").atMost(DEADLINE)
                .until(() -> answer(port).equals("two"));
        // It serves the table, then says it follows again.
        await("the router says it follows the controller again").atMost(DEADLINE)
                .until(() -> Files.readString(log).contains("follows the controller at"));
        assertThat(Files.readString(log)).containsOnlyOnce("cannot reach the controller");

        stop(routers.remove(0));
        controller.close();
        controller = null;
        Path secondLog = temp.resolve("router-2.log");
        startRouter(home, port, token(TOKEN), secondLog, "edge-1");
        assertThat(answer(port)).as("a restarted router serves its persisted table at once, the controller away")
                .isEqualTo("two");
    }

    @Test
    void aRouterFollowingSeveralControllersMovesOnWhenTheOneItFollowsIsGoneAndTakesTheNextOnesTable()
            throws Exception {
        TestBackend one = closer.add(TestBackend.start("one"));
        TestBackend two = closer.add(TestBackend.start("two"));
        RouteFeed other = new RouteFeed(Clock.systemUTC());
        int otherPort = TestPorts.free();
        controller = new FeedServer(feed, controllerPort);
        FeedServer second = new FeedServer(other, otherPort);
        try {
            feed.publish(table(1, one));
            other.publish(table(2, two));
            Path log = temp.resolve("router.log");
            int port = TestPorts.free();
            startRouter(temp.resolve("home"), port, token(TOKEN), log, "edge-3",
                    "http://127.0.0.1:" + controllerPort + ",http://127.0.0.1:" + otherPort);
            await("the router serves the first controller's table").atMost(DEADLINE).until(() -> answer(port).equals("one"));
            assertThat(other.confirmations()).as("only the first is followed").isEmpty();

            controller.close();
            controller = null;
            await("the router moves on to the second").atMost(DEADLINE).until(() -> answer(port).equals("two"));
            await("the router's word that it follows the second").atMost(DEADLINE)
                    .until(() -> Files.readString(log).contains("follows the controller at http://127.0.0.1:" + otherPort));
            assertThat(Files.readString(log)).containsOnlyOnce("cannot reach the controller at http://127.0.0.1:"
                    + controllerPort).contains("it tries the controller at http://127.0.0.1:" + otherPort)
                    .containsOnlyOnce("The router follows the controller at http://127.0.0.1:" + otherPort
                            + "/cluster/v1/routes now");
        } finally {
            second.close();
        }
    }

    @Test
    void aControllerThatDoesNotLeadAnswers503NamingTheLeaderAndTheRouterMovesOnToTheOneThatLeads() throws Exception {
        TestBackend one = closer.add(TestBackend.start("one"));
        RouteFeed leaders = new RouteFeed(Clock.systemUTC());
        int leaderPort = TestPorts.free();
        controller = new FeedServer(feed, controllerPort,
                () -> Optional.of("this controller (first#1) does not lead; the lease is held by second#2"));
        FeedServer second = new FeedServer(leaders, leaderPort);
        try {
            feed.publish(table(1, one));
            leaders.publish(table(5, one));
            // As when this controller led and the router followed it.
            assertThat(feed.poll("edge-4", 1, 0, Duration.ZERO)).isEmpty();
            Path log = temp.resolve("router.log");
            int port = TestPorts.free();
            startRouter(temp.resolve("home"), port, token(TOKEN), log, "edge-4",
                    "http://127.0.0.1:" + controllerPort + ",http://127.0.0.1:" + leaderPort);

            await("the router takes the leader's table").atMost(DEADLINE).until(() -> answer(port).equals("one")
                    && leaders.confirmations().stream().anyMatch(c -> c.generation() == 5));
            assertThat(Files.readString(log)).containsOnlyOnce("The controller at http://127.0.0.1:" + controllerPort
                    + "/cluster/v1/routes answered 503: this controller (first#1) does not lead; the lease is held by"
                    + " second#2");
            assertThat(feed.confirmations()).as("a controller that does not lead forgets the router it turns away,"
                    + " so that its drains do not wait for it").isEmpty();
        } finally {
            second.close();
        }
    }

    @Test
    void aRouterWithAWrongTokenIsRefusedAndToldWhy() throws Exception {
        TestBackend one = closer.add(TestBackend.start("one"));
        controller = new FeedServer(feed, controllerPort);
        feed.publish(table(1, one));
        Path log = temp.resolve("router.log");
        int port = TestPorts.free();
        startRouter(temp.resolve("home"), port, token("not-a-node-token"), log, "edge-2");

        await("the refusal in the router's log").atMost(DEADLINE)
                .until(() -> Files.readString(log).contains("refused this router's token (401"));
        assertThat(Files.readString(log)).contains("check the file given by --token-file")
                .contains("knows no node token like the one this router sent");
        assertThat(RawHttp.get(port, "app.com", "/").status()).as("no table taken").isEqualTo(404);
        assertThat(feed.confirmations()).as("a refused router is no router the drains wait for").isEmpty();
    }

    @Test
    void theRouterProcessRefusesToFollowWithoutATokenFileAndSaysWhatItNeeds() throws Exception {
        Path log = temp.resolve("router.log");
        Process router = launch(List.of("--home", temp.resolve("home").toString(), "--port", "0",
                "--follow", "http://127.0.0.1:" + controllerPort), log);
        assertThat(router.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(router.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("--follow needs --token-file FILE");
    }

    private void startRouter(Path home, int port, Path tokenFile, Path log, String name) throws IOException {
        startRouter(home, port, tokenFile, log, name, "http://127.0.0.1:" + controllerPort);
    }

    private void startRouter(Path home, int port, Path tokenFile, Path log, String name, String follow)
            throws IOException {
        Process router = launch(List.of("--home", home.toString(), "--port", Integer.toString(port), "--https-port", "0",
                "--bind", "127.0.0.1", "--event-loops", "1", "--follow", follow, "--token-file",
                tokenFile.toString(), "--name", name), log);
        routers.add(router);
        await("the router process starts").atMost(DEADLINE).until(() -> Files.readString(log).contains("serves table")
                || !router.isAlive());
        assertThat(router.isAlive()).as(Files.readString(log)).isTrue();
    }

    private Process launch(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", TestRouterCode.CLASS_PATH, "org.paasmaker.router.RouterMain"));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stop(Process router) throws InterruptedException {
        router.destroy();
        assertThat(router.waitFor(30, TimeUnit.SECONDS)).as("the router stops on SIGTERM").isTrue();
    }

    private Path token(String token) throws IOException {
        Path file = Files.createTempFile(temp, "token", ".txt");
        Files.writeString(file, token + "\n");
        return file;
    }

    private static RoutingTable table(long generation, TestBackend backend) {
        return RoutingTable.of(generation, List.of(Route.of("app.com", List.of(backend.target("app", 1)))));
    }

    private static String answer(int port) {
        try {
            return RawHttp.get(port, "app.com", "/").text();
        } catch (IOException e) {
            return "failed: " + e;
        }
    }


    /** The controller's side: the feed on a JDK server, as the cluster server will mount it. */
    private static final class FeedServer implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        FeedServer(RouteFeed feed, int port) throws IOException {
            this(feed, port, Optional::empty);
        }

        FeedServer(RouteFeed feed, int port, Supplier<Optional<String>> notLeading) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.setExecutor(threads);
            server.createContext("/cluster/v1/routes", new RouteFeedHandler(feed, RouteFeedHandler.token(TOKEN),
                    notLeading));
            server.start();
        }

        @Override
        public void close() {
            server.stop(0);
            // Long polls wait in the feed: interrupted, they end.
            threads.shutdownNow();
        }
    }
}
