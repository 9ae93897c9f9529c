package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.node.NodeStep;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.Node;
import org.paasmaker.engine.cluster.HttpNode;

/**
 * A node agent and its instances outlive each other and the controller: an agent process killed with
 * SIGKILL leaves its instances serving, and the agent started again on the same home finds them,
 * registers again and reports them; while the controller is away the agent keeps its instances and
 * keeps trying, and registers again when the controller returns; a change is reported at once.
 */
class NodeAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Path> homes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        try {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                toClose.get(i).close();
            }
        } finally {
            homes.forEach(AgentHomes::stopEverything);
        }
    }

    @Test
    void anAgentKilledWithSigkillAndStartedAgainStillHasItsInstancesAndReportsThem() throws Exception {
        TestController controller = closing(TestController.start(temp.resolve("controller")));
        String checksum = controller.publishServer(temp.resolve("tree"));
        Path tokenFile = Files.writeString(temp.resolve("node-token"), TestController.TOKEN_VALUE + "\n");
        Path home = home("restarted");
        Path output = temp.resolve("agent.out");
        AgentProcess first = closing(AgentProcess.start(List.of("-Xmx64m"), controller.uri(), tokenFile, "127.0.0.3",
                home, "restarted", "44720-44739", output));
        await().atMost(WAIT).until(() -> controller.nodes.knows("restarted"));
        Node node = controller.nodes.node("restarted");
        InstanceId instance = InstanceId.random();
        int port = node.register(instance, checksum, true).getAsInt();
        node.start(instance, TestController.serving(port), new NodeStep());
        await().atMost(WAIT).until(() -> reports(controller, "restarted", instance));

        first.kill();
        Instant killed = Instant.now();

        assertThat(first.isAlive()).isFalse();
        assertThat(get("127.0.0.3", port)).isEqualTo(200);
        AgentProcess second = closing(AgentProcess.start(List.of("-Xmx64m"), controller.uri(), tokenFile,
                "127.0.0.3", home, "restarted", "44720-44739", output));
        await().atMost(WAIT).until(() -> controller.nodes.node("restarted") != node
                && controller.nodes.lastReport("restarted").get().sent().isAfter(killed)
                && reports(controller, "restarted", instance));
        Node again = controller.nodes.node("restarted");
        assertThat(again.isAlive(instance)).as(second.output()).isTrue();
        assertThat(again.running()).containsExactly(instance);
        assertThat(get("127.0.0.3", port)).isEqualTo(200);

        again.deregister(instance);
        await().atMost(WAIT).until(() -> !reports(controller, "restarted", instance));
    }

    @Test
    void whileTheControllerIsAwayTheAgentKeepsItsInstancesAndRegistersAgainWhenItReturns() throws Exception {
        TestController first = TestController.start(temp.resolve("controller"));
        int controllerPort = first.server.port();
        List<String> log = new CopyOnWriteArrayList<>();
        NodeAgent agent;
        InstanceId instance = InstanceId.random();
        int port;
        try {
            String checksum = first.publishServer(temp.resolve("tree"));
            agent = closing(NodeAgent.start(settings(first.uri(), "127.0.0.4", home("steady"), "steady",
                    new PortRange(44740, 44759), Duration.ofSeconds(1)), log::add));
            Node node = first.nodes.node("steady");
            port = node.register(instance, checksum, true).getAsInt();
            node.start(instance, TestController.serving(port), new NodeStep());
        } finally {
            first.close();
        }
        await().atMost(WAIT).until(() -> log.stream().anyMatch(line -> line.startsWith("Cannot report")));

        assertThat(get("127.0.0.4", port)).isEqualTo(200);
        TestController returned = closing(TestController.startOn(temp.resolve("controller"), controllerPort));
        await().atMost(WAIT).until(() -> returned.nodes.knows("steady") && reports(returned, "steady", instance));
        assertThat(log).anyMatch(line -> line.contains("does not know this node") && line.contains("registering again"));
        assertThat(log).anyMatch(line -> line.contains("hears this agent again"));
        assertThat(returned.nodes.node("steady")).isInstanceOf(HttpNode.class);
        assertThat(((HttpNode) returned.nodes.node("steady")).url()).isEqualTo(agent.url());
        returned.nodes.node("steady").deregister(instance);
    }

    @Test
    void aStartedInstanceIsReportedAtOnceNotAtTheNextRound() throws Exception {
        TestController controller = closing(TestController.start(temp.resolve("controller")));
        String checksum = controller.publishServer(temp.resolve("tree"));
        closing(NodeAgent.start(settings(controller.uri(), "127.0.0.5", home("prompt"), "prompt",
                new PortRange(44760, 44779), Duration.ofHours(1)), line -> { }));
        Node node = controller.nodes.node("prompt");
        InstanceId instance = InstanceId.random();
        int port = node.register(instance, checksum, true).getAsInt();

        node.start(instance, TestController.serving(port), new NodeStep());

        await().atMost(WAIT).until(() -> reports(controller, "prompt", instance));
        node.stop(instance, Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> !reports(controller, "prompt", instance));
        node.deregister(instance);
    }

    @Test
    void aPackageFetchAnEarlierAgentDidNotFinishIsDeletedAtStartAndTheCacheKeepsWholePackages() throws Exception {
        TestController controller = closing(TestController.start(temp.resolve("controller")));
        Path home = home("tidy");
        Path cache = Files.createDirectories(home.resolve("packages"));
        Path unfinished = Files.writeString(cache.resolve("incoming-123.part"), "half a package");
        Path whole = Files.writeString(cache.resolve("0".repeat(64) + ".tar.gz"), "a whole package");
        List<String> log = new CopyOnWriteArrayList<>();

        closing(NodeAgent.start(settings(controller.uri(), "127.0.0.5", home, "tidy", new PortRange(44760, 44779),
                Duration.ofSeconds(1)), log::add));

        assertThat(unfinished).doesNotExist();
        assertThat(whole).exists();
        assertThat(log).anyMatch(line -> line.contains("incoming-123.part") && line.contains("did not finish"));
    }

    @Test
    void anAgentOfSeveralControllersReportsToEachTakesCommandsFromAnyAndFetchesFromTheOneWithThePackage()
            throws Exception {
        TestController first = TestController.start(temp.resolve("first"));
        int firstPort = first.server.port();
        TestController second = closing(TestController.start(temp.resolve("second")));
        // A controller that takes the connection and never answers: the others must not wait for it.
        java.net.ServerSocket silent = closing(new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        URI silentUri = URI.create("http://127.0.0.1:" + silent.getLocalPort());
        List<String> log = new CopyOnWriteArrayList<>();
        InstanceId instance = InstanceId.random();
        int port;
        try {
            closing(NodeAgent.start(new AgentSettings(List.of(silentUri, first.uri(), second.uri()), TestController.TOKEN,
                    "127.0.0.6", home("shared"), "shared", Map.of(), new PortRange(44780, 44789), 0,
                    Duration.ofSeconds(1), Map.of()), log::add));
            assertThat(first.nodes.knows("shared")).isTrue();
            assertThat(second.nodes.knows("shared")).isTrue();
            // The package is in the second controller's home only; the first commands the node.
            String checksum = second.publishServer(temp.resolve("tree"));
            Node node = first.nodes.node("shared");
            port = node.register(instance, checksum, true).getAsInt();
            node.start(instance, TestController.serving(port), new NodeStep());
            await().atMost(WAIT).until(() -> reports(first, "shared", instance) && reports(second, "shared", instance));
            assertThat(log).anyMatch(line -> line.contains("not to be had from the controller at " + first.uri()));
        } finally {
            first.close();
        }
        Instant closed = Instant.now();
        await("reports to the second go on every round").atMost(WAIT).until(() -> second.nodes.lastReport("shared")
                .map(report -> report.sent().isAfter(closed.plusSeconds(2))).orElse(false));
        assertThat(log.stream().filter(line -> line.contains("Cannot report to the controller at " + first.uri())))
                .as("the first's trouble said once").hasSize(1);
        assertThat(log.stream().filter(line -> line.contains("controller at " + silentUri))).as("the silent one's once")
                .hasSize(1);

        TestController returned = closing(TestController.startOn(temp.resolve("first"), firstPort));
        await().atMost(WAIT).until(() -> reports(returned, "shared", instance));
        assertThat(log.stream().filter(line -> line.contains("The controller at " + first.uri() + " hears this agent again")))
                .hasSize(1);
        assertThat(get("127.0.0.6", port)).isEqualTo(200);
        second.nodes.node("shared").stop(instance, Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> !reports(returned, "shared", instance));
        second.nodes.node("shared").deregister(instance);
    }

    private static boolean reports(TestController controller, String node, InstanceId instance) {
        return controller.nodes.knows(node) && controller.nodes.lastReport(node)
                .map(report -> report.running().contains(instance)).orElse(false);
    }

    private AgentSettings settings(URI controller, String address, Path home, String name, PortRange ports,
            Duration interval) {
        return new AgentSettings(java.util.List.of(controller), TestController.TOKEN, address, home, name, Map.of(), ports, 0, interval,
                Map.of());
    }

    private Path home(String name) {
        Path home = temp.resolve("agent-" + name);
        homes.add(home);
        return home;
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private int get(String address, int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
