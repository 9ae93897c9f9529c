package org.paasmaker.engine;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.NodeSummary;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginRole;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.plugin.PluginRegistry;

/** The engine's node views: the machines instances run on, as the controller knows them. */
public final class Nodes {

    private final NodeRegistry nodes;
    private final PluginRegistry plugins;
    private final Clock clock;

    Nodes(NodeRegistry nodes, PluginRegistry plugins, Clock clock) {
        this.nodes = nodes;
        this.plugins = plugins;
        this.clock = clock;
    }

    /**
     * A report from the node's agent, now: from its first one on, a node that stops reporting is marked
     * DOWN after the node timeout, and a DOWN node that reports again is reconciled and takes work again.
     */
    public void heard(String name) {
        nodes.heard(name, clock.instant());
    }

    public List<NodeSummary> list() {
        return nodes.all().stream().map(this::summary).toList();
    }

    private NodeSummary summary(Node node) {
        NodeProfile profile = nodes.profile(node.name());
        // An agent's last report says what runs there: a listing must not wait on a node that does not answer.
        int running = !nodes.reachable(node.name()) ? 0 : nodes.lastReport(node.name())
                .map(report -> report.running().size()).orElseGet(() -> node.running().size());
        return new NodeSummary(profile.name(), profile.address(), nodes.state(node.name()),
                nodes.lastHeard(node.name()), profile.tags(), profile.ports(), profile.runtimes(), running);
    }

    /** Each runtime plugin with the versions of it installed here, as a manifest may ask for them. */
    public Map<String, List<String>> runtimes() {
        Map<String, List<String>> runtimes = new TreeMap<>();
        for (PluginDescriptor runtime : plugins.plugins(PluginRole.RUNTIME)) {
            runtimes.put(runtime.name(), plugins.runtime(runtime.name()).versions());
        }
        return runtimes;
    }
}
