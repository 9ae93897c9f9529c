package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.cluster.ClusterSettings;

/**
 * The whole engine with a node agent: an engine given a node token serves the cluster endpoint, an
 * agent registers there and becomes a node like its own, placement puts an instance on it, the agent
 * fetches the package and runs the instance at its address, and the engine reads its log through it.
 */
class EngineWithAgentTest {

    private static final String SERVE = "#!/bin/sh\necho \"metadata: $PM_METADATA\"\nexec python3 -m http.server \"$1\"\n";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EngineFixture fixture;
    private NodeAgent agent;

    @BeforeEach
    void start() {
        fixture = new EngineFixture(temp.resolve("home"), builder -> builder
                .cluster(new ClusterSettings("127.0.0.1", 0, Optional.of(TestController.TOKEN))));
        int port = fixture.engine().cluster().orElseThrow().port();
        agent = NodeAgent.start(new AgentSettings(java.util.List.of(URI.create("http://127.0.0.1:" + port)), TestController.TOKEN,
                "127.0.0.8", temp.resolve("agent"), "far", Map.of("rack", "far"), new PortRange(44790, 44799), 0,
                Duration.ofSeconds(1), Map.of()), line -> { });
    }

    @AfterEach
    void stop() {
        try {
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
    void anInstancePlacedOnTheAgentsNodeRunsThereAndIsSeenThroughIt() throws Exception {
        assertThat(fixture.engine().nodes().list()).extracting(node -> node.name()).containsExactly("local", "far");
        VersionId version = prepare();

        JobView started = fixture.succeed(fixture.engine().versions().start(version));

        List<Instance> running = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).toList();
        assertThat(running).as(fixture.logs(started)).extracting(Instance::node)
                .containsExactlyInAnyOrder("local", "far");
        Instance far = running.stream().filter(i -> i.node().equals("far")).findFirst().orElseThrow();
        assertThat(get("127.0.0.8", far.port().getAsInt())).isEqualTo(200);
        assertThat(new PortRange(44790, 44799).contains(far.port().getAsInt())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.engine().versions().instanceLog(far.id(), 5)
                .contains("\"node\":{\"rack\":\"far\"}"));
        // The agent's count is its report's, which follows the start at once.
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.engine().nodes().list().stream()
                .map(node -> node.name() + "=" + node.runningInstances()).toList(), List.of("local=1", "far=1")::equals);
    }

    private VersionId prepare() throws Exception {
        Path app = EngineFixture.writeApp(temp.resolve("app"), Map.of("serve.sh", SERVE, "manifest.yml", """
                manifest: {format: 1}
                application: {name: spread}
                instances:
                  - name: web
                    quantity: 2
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters: {launch_command: "sh ./serve.sh %(port)d"}
                """));
        JobView prepared = fixture.prepare(SourceSpec.directory(app));
        assertThat(prepared.state()).as(fixture.logs(prepared)).isEqualTo(JobState.SUCCESS);
        return new VersionId(Long.parseLong(prepared.tags().get("version_id")));
    }

    private int get(String address, int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
