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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.NodeSummary;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.cluster.ClusterServer;
import org.paasmaker.engine.cluster.ClusterSettings;
import org.paasmaker.engine.cluster.ClusterWire;

/**
 * A node's agent that registers while a start job of the controller has an instance starting on that
 * node: the node watch reconciles the node in its next round, and the instance it finds STARTING, its
 * process not up yet, is the job's, not one a controller stopped watching. It used to be failed there
 * (ERROR, its port freed on the node) while the job went on to start its process, called the start
 * done and left a RUNNING version that could not be made current: "no running 'web' instance", as
 * TwoControllersIT once saw when the leader's first reconciliation of the agent came a round late, in
 * the middle of the first start. Here the agent's registration is sent again while the instance waits in
 * its startup command (as an agent that restarted sends it), and the test lets the start go on after
 * the node watch has had many rounds in which to judge the node.
 */
class RegistrationDuringStartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The node watch runs as often as the health rounds: ten of them fit into {@link #ROUNDS}. */
    private static final Duration ROUND = Duration.ofMillis(100);
    private static final Duration ROUNDS = Duration.ofSeconds(1);

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private EngineFixture fixture;
    private NodeAgent agent;

    @BeforeEach
    void start() {
        fixture = new EngineFixture(temp.resolve("home"), builder -> builder.localNode(false).healthInterval(ROUND)
                .cluster(new ClusterSettings("127.0.0.1", 0, Optional.of(TestController.TOKEN))));
        agent = NodeAgent.start(new AgentSettings(List.of(cluster()), TestController.TOKEN, "127.0.0.22",
                temp.resolve("agent"), "near", Map.of(), new PortRange(44920, 44929), 0, Duration.ofSeconds(1),
                Map.of()), line -> { });
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (!Files.exists(gate())) {
                Files.createFile(gate()); // a start still waiting would hold the clean-up's jobs back
            }
            fixture.stopEverything();
            fixture.close();
        } finally {
            try {
                agent.close();
            } finally {
                AgentHomes.stopEverything(temp.resolve("agent"));
            }
        }
    }

    @Test
    void anInstanceStartingWhenItsNodeRegistersIsLeftToItsJobAndRunsAfterIt() throws Exception {
        Path waiting = temp.resolve("waiting");
        VersionId version = prepare(waiting, gate());
        JobId start = fixture.engine().versions().start(version);
        await("the instance to wait in its startup command").atMost(WAIT).until(() -> Files.exists(waiting));
        assertThat(only(version).state()).isEqualTo(InstanceState.STARTING);

        registerAgain();

        await("the instance left STARTING through %s of node watch rounds".formatted(ROUNDS)).during(ROUNDS)
                .atMost(ROUNDS.multipliedBy(5)).untilAsserted(() -> assertThat(only(version))
                        .extracting(Instance::state).isEqualTo(InstanceState.STARTING));
        Files.createFile(gate());

        JobView started = fixture.engine().jobs().await(start, EngineFixture.JOB_TIMEOUT);
        assertThat(started.state()).as(fixture.logs(started)).isEqualTo(JobState.SUCCESS);
        assertThat(only(version).state()).as("%s", only(version)).isEqualTo(InstanceState.RUNNING);
        fixture.succeed(fixture.engine().versions().makeCurrent(version));
        // With the job ended, the node is reconciled: its instance is kept, running.
        await().during(ROUNDS).atMost(ROUNDS.multipliedBy(5)).untilAsserted(() -> assertThat(only(version))
                .extracting(Instance::state).isEqualTo(InstanceState.RUNNING));
        int port = only(version).port().getAsInt();
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.22:" + port + "/")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    /** A version whose instance, in its startup command, says it waits and then waits for the gate. */
    private VersionId prepare(Path waiting, Path gate) throws Exception {
        return fixture.prepareFolder(EngineFixture.writeGatedApp(temp.resolve("app"), waiting, gate,
                "    hostnames: [gated.test.localhost]\n")).id();
    }

    private Instance only(VersionId version) {
        List<Instance> instances = fixture.engine().versions().instances(version);
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }

    /** The agent's registration once more, as the agent sends it. */
    private void registerAgain() throws Exception {
        NodeSummary node = fixture.engine().nodes().list().stream().filter(n -> n.name().equals(agent.name()))
                .findFirst().orElseThrow();
        NodeProfile profile = new NodeProfile(node.name(), node.address(), node.tags(), node.runtimes(), node.ports());
        URI nodes = cluster().resolve(ClusterServer.PREFIX + "nodes");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(nodes)
                .header("Authorization", TestController.TOKEN.header()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ClusterWire.write(
                        new ClusterWire.Registration(agent.name(), agent.url().toString(), profile))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
    }

    private Path gate() {
        return temp.resolve("gate");
    }

    private URI cluster() {
        return URI.create("http://127.0.0.1:" + fixture.engine().cluster().orElseThrow().port());
    }
}
