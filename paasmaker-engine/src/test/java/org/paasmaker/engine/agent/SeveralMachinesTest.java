package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.api.node.NodeSummary;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.ProcessesUnder;
import org.paasmaker.engine.TestPorts;
import org.paasmaker.engine.cluster.ClusterSettings;
import org.paasmaker.engine.cluster.NodeToken;
import org.paasmaker.engine.routes.FollowingRouter;
import org.paasmaker.router.RawHttp;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/**
 * Several machines on one: a controller whose own machine runs no instances, three node agent processes
 * each on a loopback address of its own (127.0.0.2 to .4, their own homes and ports), and two router
 * processes on 127.0.0.5 and .6 following the controller. A version with three instances runs one per
 * node and answers through both routers; a new version becomes current under load through both with
 * no failed request; a node whose agent is stopped (SIGSTOP) is replaced and, continued, runs nothing
 * twice; a node killed with its instances (SIGKILL) is replaced within the goal, and the routers stop
 * sending to it; a restarted controller adopts every node and instance.
 */
class SeveralMachinesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOKEN = "several-machines-token";
    private static final String HOST = "web.spread.test.localhost";
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final List<String> ADDRESSES = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    private static final List<String> PORTS = List.of("44840-44859", "44860-44879", "44880-44899");
    private static final String SERVE = """
            import http.server, json, os
            node = json.loads(os.environ["PM_METADATA"])["node"]
            body = ("version %s on %s\\n" % (open("version.txt").read().strip(), node["name"])).encode()
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer((node["address"], int(os.environ["PM_PORT"])), Handler).serve_forever()
            """;

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AgentProcess> agents = new ArrayList<>();
    private final List<FollowingRouter> routers = new ArrayList<>();
    private Router localRouter;
    private EngineFixture controller;
    private int clusterPort;
    private Path tokenFile;

    @AfterEach
    void cleanUp() throws Exception {
        try {
            for (AgentProcess agent : agents) {
                ProcessHandle.of(agent.pid()).ifPresent(process -> signal(process.pid(), "CONT"));
                agent.close();
            }
            for (int i = 0; i < NODES.size(); i++) {
                AgentHomes.stopEverything(temp.resolve(NODES.get(i)));
            }
            routers.forEach(FollowingRouter::close);
            if (controller != null) {
                controller.close();
            }
        } finally {
            if (localRouter != null) {
                localRouter.close();
            }
            ProcessesUnder.kill(temp);
        }
    }

    @Test
    void threeNodesTwoRoutersAndTheFailuresOfNodesAndController() throws Exception {
        tokenFile = Files.writeString(temp.resolve("node-token"), TOKEN + "\n");
        clusterPort = TestPorts.free();
        localRouter = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
        startController();
        for (int i = 0; i < NODES.size(); i++) {
            agents.add(startAgent(i));
        }
        await("three agents register").atMost(WAIT).until(() -> controller.engine().nodes().list().size() == 3);
        for (String address : List.of("127.0.0.5", "127.0.0.6")) {
            routers.add(FollowingRouter.following("http://127.0.0.1:" + clusterPort, tokenFile, address,
                    "router-" + address, temp.resolve("router-" + address)));
        }

        // One instance per node, answering through both routers.
        VersionId first = deploy("1");
        assertThat(running(first)).extracting(Instance::node).containsExactlyInAnyOrderElementsOf(NODES);
        for (FollowingRouter router : routers) {
            await("router " + router.bind() + " serves version 1").atMost(WAIT)
                    .until(() -> body(router).startsWith("version 1 on node-"));
        }
        assertThat(Set.copyOf(bodies(routers.get(0), 12))).hasSize(3);

        // A new version made current, and the old one stopped, under load through both routers.
        VersionId second;
        try (Load load = new Load(routers)) {
            second = deploy("2");
            controller.succeed(controller.engine().versions().stop(first));
            await("the routers serve version 2 only").atMost(WAIT)
                    .until(() -> routers.stream().allMatch(router -> body(router).startsWith("version 2")));
            load.stop();
            assertThat(load.failures()).as(load.failureSample()).isEmpty();
            assertThat(load.succeeded()).isGreaterThan(50);
            assertThat(load.bodies()).anyMatch(b -> b.startsWith("version 1")).anyMatch(b -> b.startsWith("version 2"));

            // SIGSTOP an agent: its node is DOWN, its instance replaced; SIGCONT: it stops the replaced one.
            AgentProcess stopped = agents.get(1);
            Instance onB = runningOn(second, "node-b");
            signal(stopped.pid(), "STOP");
            await("node-b is DOWN").atMost(WAIT).until(() -> node("node-b").state() == NodeState.DOWN);
            await("version 2 runs three again").atMost(WAIT).until(() -> running(second).size() == 3);
            assertThat(running(second)).extracting(Instance::node).doesNotContain("node-b");
            signal(stopped.pid(), "CONT");
            await("node-b is back").atMost(WAIT).until(() -> node("node-b").state() == NodeState.ACTIVE);
            await("node-b stopped what was replaced").atMost(WAIT)
                    .until(() -> !answers("127.0.0.3", onB.port().getAsInt()));
            assertThat(running(second)).hasSize(3);
            assertThat(serving(second)).as("instances that answer on their node").hasSize(3);

            // SIGKILL an agent with its instances: they answer again elsewhere, the routers stop sending there.
            String killedNode = running(second).stream().map(Instance::node).filter(n -> !n.equals("node-b"))
                    .findFirst().orElseThrow();
            int killed = NODES.indexOf(killedNode);
            long before = System.nanoTime();
            agents.get(killed).kill();
            AgentHomes.stopEverything(temp.resolve(killedNode));
            await("the killed node's instance runs again elsewhere").atMost(WAIT)
                    .until(() -> running(second).size() == 3
                            && running(second).stream().noneMatch(i -> i.node().equals(killedNode)));
            double replaced = (System.nanoTime() - before) / 1e9;
            await("both routers answer from the other nodes").atMost(WAIT).until(() -> routers.stream()
                    .allMatch(router -> bodies(router, 6).stream().allMatch(b -> b.startsWith("version 2"))));
            double answering = (System.nanoTime() - before) / 1e9;
            System.out.printf("FIGURE node death (SIGKILL, node timeout %s) to its instance RUNNING elsewhere: %.1f s;"
                    + " to both routers answering from the others only: %.1f s%n", "6 s", replaced, answering);
        }

        // A restarted controller adopts every node and instance: the same ones run, none is started again.
        Set<String> before = ids(running(second));
        controller.close();
        startController();
        await("the agents register again").atMost(WAIT).until(() -> controller.engine().nodes().list().stream()
                .filter(n -> n.state() == NodeState.ACTIVE).count() == 2);
        await("the same instances run").during(Duration.ofSeconds(8)).atMost(WAIT)
                .until(() -> ids(running(second)).equals(before));
        for (FollowingRouter router : routers) {
            assertThat(body(router)).startsWith("version 2");
        }
    }

    private void startController() {
        controller = new EngineFixture(temp.resolve("controller"), builder -> builder.localNode(false)
                .router(localRouter)
                .cluster(new ClusterSettings("127.0.0.1", clusterPort, Optional.of(new NodeToken(TOKEN, "the test")))));
    }

    private AgentProcess startAgent(int index) throws IOException {
        String name = NODES.get(index);
        String address = ADDRESSES.get(index);
        return AgentProcess.start(List.of("-Xmx64m", "-XX:+UseSerialGC"), URI.create("http://127.0.0.1:" + clusterPort),
                tokenFile, address, temp.resolve(name), name, PORTS.get(index),
                List.of("--tag", "name=" + name, "--tag", "address=" + address), temp.resolve(name + ".out"));
    }

    /** Prepares, starts and makes current a version that says {@code label}. */
    private VersionId deploy(String label) throws IOException {
        Path app = EngineFixture.writeApp(temp.resolve("app-" + label), Map.of(
                "serve.py", SERVE,
                "version.txt", label + "\n",
                "manifest.yml", """
                        manifest: {format: 1}
                        application: {name: spread}
                        instances:
                          - name: web
                            quantity: 3
                            runtime:
                              plugin: paasmaker.runtime.shell
                              version: 1
                              parameters: {launch_command: "python3 serve.py"}
                        """));
        return controller.deploy(app);
    }

    private List<Instance> running(VersionId version) {
        return controller.engine().versions().instances(version).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).toList();
    }

    private Instance runningOn(VersionId version, String node) {
        return running(version).stream().filter(i -> i.node().equals(node)).findFirst().orElseThrow();
    }

    /** The running instances that answer at their node's address. */
    private List<Instance> serving(VersionId version) {
        return running(version).stream()
                .filter(i -> answers(ADDRESSES.get(NODES.indexOf(i.node())), i.port().getAsInt())).toList();
    }

    private NodeSummary node(String name) {
        return controller.engine().nodes().list().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static Set<String> ids(List<Instance> instances) {
        return instances.stream().map(i -> i.id().value()).collect(Collectors.toSet());
    }

    private String body(FollowingRouter router) {
        try {
            RawHttp.Response response = RawHttp.get(InetAddress.getByName(router.bind()), router.port(), HOST, "/");
            return response.status() == 200 ? response.text() : "status " + response.status() + ": " + response.text();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<String> bodies(FollowingRouter router, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(body(router));
        }
        return bodies;
    }

    private boolean answers(String address, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    /** Requests through every router, one thread each, until stopped: what failed and what answered. */
    private final class Load implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger succeeded = new AtomicInteger();
        private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Set<String> bodies = ConcurrentHashMap.newKeySet();
        private final List<Thread> threads = new ArrayList<>();

        Load(List<FollowingRouter> routers) {
            for (FollowingRouter router : routers) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        String body = body(router);
                        if (body.startsWith("version ")) {
                            succeeded.incrementAndGet();
                            bodies.add(body.substring(0, "version N".length()));
                        } else {
                            failures.add(router.bind() + ": " + body);
                        }
                    }
                }, "load-" + router.bind());
                thread.start();
                threads.add(thread);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        String failureSample() {
            return failures().stream().limit(5).collect(Collectors.joining("; "));
        }

        int succeeded() {
            return succeeded.get();
        }

        Set<String> bodies() {
            return Set.copyOf(bodies);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
