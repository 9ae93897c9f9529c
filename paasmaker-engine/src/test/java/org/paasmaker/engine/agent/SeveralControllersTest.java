package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.ProcessesUnder;
import org.paasmaker.engine.TestPorts;
import org.paasmaker.engine.cluster.ClusterSettings;
import org.paasmaker.engine.cluster.NodeToken;
import org.paasmaker.engine.lease.LeaseSettings;
import org.paasmaker.engine.lease.LocalLeases;
import org.paasmaker.engine.routes.FollowingRouter;
import org.paasmaker.engine.routes.LeaderDrains;
import org.paasmaker.engine.routes.RouteFeed;
import org.paasmaker.engine.store.InMemoryStore;
import org.paasmaker.engine.store.StoreWithLeases;
import org.paasmaker.router.RawHttp;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/**
 * Two controllers on one store and one lease, as two on one database: a node agent process given both
 * registers with both, a router process given both follows the leader only, and a version deployed
 * through the controller that does not lead is routed by the router following the leader (each
 * controller computes its routes from the store); the old version stopped through it is drained by
 * the leader first, so that no request through the leader's router fails. When the leader stops, the other takes the lease,
 * the router moves to it with no failed request and takes its tables, numbered in the new term, and
 * follows what is done through it.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SeveralControllersTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOKEN = "several-controllers-token";
    private static final String HOST = "web.both.test.localhost";
    private static final String NODE = "node-x";
    private static final String ADDRESS = "127.0.0.20";
    private static final String SERVE = """
            import http.server, os
            body = ("version %s\\n" % open("version.txt").read().strip()).encode()
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer(("127.0.0.20", int(os.environ["PM_PORT"])), Handler).serve_forever()
            """;

    @TempDir
    Path temp;

    private final LeaseRepository leases = new LocalLeases(Clock.systemUTC());
    private final Store store = new StoreWithLeases(new InMemoryStore(), leases);
    private final List<Router> localRouters = new ArrayList<>();
    private EngineFixture first;
    private EngineFixture second;
    private AgentProcess agent;
    private FollowingRouter router;

    @AfterEach
    void cleanUp() throws Exception {
        try {
            EngineFixture left = second != null ? second : first;
            if (left != null) {
                left.stopEverything();
            }
        } finally {
            try {
                if (router != null) {
                    router.close();
                }
                if (agent != null) {
                    agent.close();
                }
                AgentHomes.stopEverything(temp.resolve(NODE));
                for (EngineFixture controller : new EngineFixture[] {first, second}) {
                    if (controller != null) {
                        controller.close();
                    }
                }
                localRouters.forEach(Router::close);
            } finally {
                ProcessesUnder.kill(temp);
            }
        }
    }

    @Test
    void agentsAndRoutersFollowThePlatformNotOneController() throws Exception {
        Path tokenFile = Files.writeString(temp.resolve("node-token"), TOKEN + "\n");
        int firstPort = TestPorts.free();
        int secondPort = TestPorts.free();
        String controllers = "http://127.0.0.1:" + firstPort + ",http://127.0.0.1:" + secondPort;
        first = controller("first", firstPort, controllers);
        second = controller("second", secondPort, controllers);
        assertThat(first.engine().leadership().leads()).isTrue();
        assertThat(second.engine().leadership().leads()).isFalse();

        agent = AgentProcess.start(List.of("-Xmx64m", "-XX:+UseSerialGC"), controllers, tokenFile, ADDRESS,
                temp.resolve(NODE), NODE, "44900-44919", List.of(), temp.resolve("agent.out"));
        await("the agent registers with both controllers").atMost(WAIT).until(() -> active(first) && active(second));
        // The second, listed last, is followed only once the first fails it.
        router = FollowingRouter.following(controllers, tokenFile, "127.0.0.21", "edge", temp.resolve("router"));

        // Deployed through the controller that does not lead; the router follows the one that does.
        VersionId one = deploy(second, "1");
        await("the router following the leader routes what the other deployed").atMost(WAIT)
                .until(() -> body().equals("version 1"));
        assertThat(agent.output()).contains("not to be had from the controller at http://127.0.0.1:" + firstPort);
        RouteFeed leaders = first.engine().routes().feed();
        assertThat(leaders.confirmations()).singleElement().satisfies(c -> assertThat(c.generation() >> 32)
                .as("a table of term 1").isEqualTo(1));
        assertThat(second.engine().routes().feed().confirmations()).as("the other serves no router").isEmpty();

        // Switched and stopped through the controller that does not lead, under load through the leader's
        // router: it has the leader drain the old instance from that router before it stops it.
        VersionId two;
        try (Load load = new Load()) {
            two = deploy(second, "2");
            second.succeed(second.engine().versions().stop(one));
            await("the router serves version 2").atMost(WAIT).until(() -> body().equals("version 2"));
            load.stop();
            assertThat(load.failures).as(String.join("; ", load.failures)).isEmpty();
        }

        // The leader stops: the other takes the lease, the router moves to it and takes its tables.
        long term = first.engine().leadership().term();
        try (Load load = new Load()) {
            long stopped = System.nanoTime();
            first.close();
            first = null;
            await("the second controller leads").atMost(WAIT).until(() -> second.engine().leadership().leads());
            assertThat(second.engine().leadership().term()).isEqualTo(term + 1);
            RouteFeed now = second.engine().routes().feed();
            await("the router follows the new leader, in its term").atMost(WAIT).until(() -> now.confirmations()
                    .stream().anyMatch(c -> c.router().equals("edge") && c.generation() >> 32 == term + 1));
            System.out.printf("FIGURE leader stopped (lease %s, given up at its stop) to the router serving the new"
                    + " leader's table: %.1f s%n", "2 s", (System.nanoTime() - stopped) / 1e9);
            load.stop();
            assertThat(load.failures).as(String.join("; ", load.failures)).isEmpty();
            assertThat(load.succeeded.get()).isPositive();
        }
        assertThat(router.log()).contains("cannot reach the controller at http://127.0.0.1:" + firstPort)
                .contains("The router follows the controller at http://127.0.0.1:" + secondPort + "/cluster/v1/routes now");

        // What is done through the new leader reaches the router.
        VersionId three = deploy(second, "3");
        second.succeed(second.engine().versions().stop(two));
        await("the router serves version 3").atMost(WAIT).until(() -> body().equals("version 3"));
        assertThat(second.engine().versions().instances(three)).anyMatch(i -> i.state() == InstanceState.RUNNING);
    }

    private EngineFixture controller(String name, int clusterPort, String controllers) {
        Router local = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
        localRouters.add(local);
        return new EngineFixture(temp.resolve(name), builder -> builder.store(store).localNode(false).router(local)
                .settingsEnvironment(Map.of(LeaderDrains.VARIABLE, controllers))
                .lease(new LeaseSettings(Duration.ofSeconds(2)))
                .cluster(new ClusterSettings("127.0.0.1", clusterPort, Optional.of(new NodeToken(TOKEN, "the test")))));
    }

    private static boolean active(EngineFixture controller) {
        return controller.engine().nodes().list().stream()
                .anyMatch(node -> node.name().equals(NODE) && node.state() == NodeState.ACTIVE);
    }

    /** Prepares, starts and makes current through {@code controller} a version that says {@code label}. */
    private VersionId deploy(EngineFixture controller, String label) throws IOException {
        Path app = EngineFixture.writeApp(temp.resolve("app-" + label), Map.of(
                "serve.py", SERVE,
                "version.txt", label + "\n",
                "manifest.yml", """
                        manifest: {format: 1}
                        application: {name: both}
                        instances:
                          - name: web
                            quantity: 1
                            runtime:
                              plugin: paasmaker.runtime.shell
                              version: 1
                              parameters: {launch_command: "python3 serve.py"}
                        """));
        return controller.deploy(app);
    }

    private String body() {
        try {
            RawHttp.Response response = RawHttp.get(InetAddress.getByName(router.bind()), router.port(), HOST, "/");
            return response.status() == 200 ? response.text().strip()
                    : "status " + response.status() + ": " + response.text();
        } catch (IOException e) {
            return e.toString();
        }
    }


    /** Requests through the router on a thread of its own until stopped: how many answered, and what failed. */
    private final class Load implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger succeeded = new AtomicInteger();
        private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread thread = new Thread(this::run, "load");

        Load() {
            thread.start();
        }

        private void run() {
            while (running.get()) {
                String body = body();
                if (body.startsWith("version ")) {
                    succeeded.incrementAndGet();
                } else if (failures.size() < 20) {
                    failures.add(body);
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
