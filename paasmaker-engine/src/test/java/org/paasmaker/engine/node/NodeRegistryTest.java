package org.paasmaker.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.port.PortAllocator;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.process.LogWriters;
import org.paasmaker.engine.process.ProcessRecords;

/** The controller's nodes: found by name, each with its state and its profile. */
class NodeRegistryTest {

    @TempDir
    Path temp;

    private PluginRegistry plugins;

    @BeforeEach
    void loadPlugins() {
        plugins = PluginRegistry.load(getClass().getClassLoader(), name -> true, temp.resolve("plugins"), Clock.systemUTC());
    }

    @AfterEach
    void closePlugins() {
        plugins.close();
    }

    private LocalNode node(String name, String address, Map<String, Object> tags) {
        Path home = temp.resolve(name);
        return new LocalNode(name, address, tags, home.resolve("instances"), new PackageStore(temp.resolve("packages")),
                new TarGzPacker(), new PortAllocator(new PortRange(43600, 43609)), plugins,
                new ProcessRecords(home.resolve("processes"), warning -> { }), Clock.systemUTC(), LogLimit.DEFAULT,
                new LogWriters(new ProcessRecords(home.resolve("log-writers"), warning -> { }), Clock.systemUTC()));
    }

    @Test
    void nodesAreFoundByNameWithTheirAddressTagsAndStateAndAnUnknownOneIsNamed() {
        NodeRegistry nodes = new NodeRegistry(List.of(node("local", "127.0.0.1", Map.of()),
                node("rack-b", "127.0.0.2", Map.of("rack", "b"))));

        assertThat(nodes.all()).extracting(n -> n.name()).containsExactly("local", "rack-b");
        assertThat(nodes.address("rack-b")).isEqualTo("127.0.0.2");
        assertThat(nodes.profile("rack-b").tags()).isEqualTo(Map.of("rack", "b"));
        assertThat(nodes.profile("rack-b").ports()).isEqualTo(new PortRange(43600, 43609));
        assertThat(nodes.state("rack-b")).isEqualTo(NodeState.ACTIVE);
        nodes.setState("rack-b", NodeState.INACTIVE);
        assertThat(nodes.state("rack-b")).isEqualTo(NodeState.INACTIVE);
        assertThat(nodes.knows("rack-c")).isFalse();
        assertThatThrownBy(() -> nodes.node("rack-c"))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("no node named 'rack-c' is known; the nodes are: local, rack-b");
    }

    @Test
    void aSecondNodeOfTheSameNameIsRefused() {
        NodeRegistry nodes = new NodeRegistry(List.of(node("local", "127.0.0.1", Map.of())));

        assertThatThrownBy(() -> nodes.add(node("local", "127.0.0.2", Map.of())))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("a node named 'local' is already known");
        assertThat(nodes.address("local")).isEqualTo("127.0.0.1");
    }

    @Test
    void aRegistrationThatCameWhileTheOneBeforeWasReconciledStaysDue() {
        NodeRegistry nodes = new NodeRegistry(List.of());
        LocalNode first = node("far", "127.0.0.2", Map.of());
        nodes.addOrReplace(first, Instant.now());
        List<Node> due = nodes.registered();
        assertThat(due).containsExactly(first);

        LocalNode again = node("far", "127.0.0.2", Map.of());
        nodes.addOrReplace(again, Instant.now());
        nodes.reconciled(due.get(0));

        assertThat(nodes.registered()).as("the agent registered again during the reconciliation").containsExactly(again);
        nodes.reconciled(again);
        assertThat(nodes.registered()).isEmpty();
    }
}
