package org.paasmaker.engine.cluster;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.Node;
import org.paasmaker.engine.agent.AgentSettings;
import org.paasmaker.engine.agent.NodeAgent;
import org.paasmaker.engine.node.NodeContract;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;

/**
 * A node on another machine passes the node contract: the controller's {@link HttpNode} calls a real
 * node agent (in this JVM, serving HTTP on the loopback address 127.0.0.2 with a home of its own),
 * which fetches the packages from the controller's cluster endpoint.
 */
class HttpNodeContractTest extends NodeContract {

    private final TarGzPacker packer = new TarGzPacker();
    private PackageStore packages;
    private ClusterServer controller;
    private NodeAgent agent;

    /** After the contract's own clean-up, which needs the agent to deregister what it made. */
    @RegisterExtension
    final AfterEachCallback closeAgentAndController = context -> {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            if (controller != null) {
                controller.close();
            }
        }
    };

    @Override
    protected Node newNode() {
        NodeToken token = new NodeToken("contract-token", "the test");
        packages = new PackageStore(temp.resolve("controller-packages"));
        NodeRegistry nodes = new NodeRegistry(List.of());
        controller = ClusterServer.start("127.0.0.1", 0, token, nodes, packages, Clock.systemUTC(), line -> { });
        Path home = temp.resolve("agent");
        agent = NodeAgent.start(new AgentSettings(java.util.List.of(java.net.URI.create("http://127.0.0.1:" + controller.port())), token,
                "127.0.0.2", home, "remote", Map.of("rack", "a"), new PortRange(44600, 44699), 0,
                Duration.ofSeconds(1), Map.of()), System.out::println);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.knows("remote"));
        return nodes.node("remote");
    }

    @Override
    protected String publish(Path tree) {
        return packages.store(out -> packer.pack(tree, out));
    }
}
