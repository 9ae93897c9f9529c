package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.manifest.PluginSpec;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.engine.node.NodeStep;

/**
 * A start on a node agent, seen from the controller's step: the startup commands' output arrives while
 * they still run, and a job aborted meanwhile ends the start on the agent with ABORTED, leaving no
 * process behind.
 */
class RemoteStartTest {

    @TempDir
    Path temp;

    private TestController controller;
    private NodeAgent agent;

    @BeforeEach
    void start() {
        controller = TestController.start(temp.resolve("controller"));
        agent = NodeAgent.start(new AgentSettings(java.util.List.of(controller.uri()), TestController.TOKEN, "127.0.0.9",
                temp.resolve("agent"), "aborting", Map.of(), new PortRange(44800, 44809), 0, Duration.ofSeconds(1),
                Map.of()), line -> { });
    }

    @AfterEach
    void stop() {
        try {
            agent.close();
        } finally {
            AgentHomes.stopEverything(temp.resolve("agent"));
            controller.close();
        }
    }

    @Test
    void theStartupOutputArrivesAsItComesAndAnAbortedJobEndsTheStart() throws Exception {
        Node node = controller.nodes.node("aborting");
        InstanceId instance = InstanceId.random();
        int port = node.register(instance, controller.publishServer(temp.resolve("tree")), true).getAsInt();
        InstanceStart serving = TestController.serving(port);
        PluginSpec startup = PluginSpec.of("paasmaker.startup.shell", PluginParameters.of(Map.of("commands",
                List.of("echo before-the-wait", "sleep 120"))));
        NodeStep step = new NodeStep();

        CompletableFuture<Void> start = CompletableFuture.runAsync(() -> node.start(instance, new InstanceStart(
                serving.name(), serving.runtime(), List.of(startup), serving.port(), serving.environment()), step));

        await().atMost(Duration.ofSeconds(30)).until(() -> step.lines().contains("before-the-wait"));
        assertThat(start).isNotDone();
        step.abort();
        Throwable failure = await().atMost(Duration.ofSeconds(30)).until(() -> start.handle((done, e) -> e)
                .getNow(null), e -> e != null);
        assertThat(failure.getCause()).isInstanceOfSatisfying(PaasmakerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ABORTED));
        assertThat(node.isAlive(instance)).isFalse();
        assertThat(node.running()).isEmpty();
        node.deregister(instance);
    }

}
