package org.paasmaker.engine;

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

    Nodes(NodeRegistry nodes, PluginRegistry plugins) {
        this.nodes = nodes;
        this.plugins = plugins;
    }

    public List<NodeSummary> list() {
        return nodes.all().stream().map(this::summary).toList();
    }

    /** A node agent's count comes from its last report: no call to each agent, and one away does not fail the list. */
    private NodeSummary summary(Node node) {
        NodeProfile profile = node.profile();
        int running = nodes.lastReport(node.name()).map(report -> report.running().size())
                .orElseGet(() -> node.running().size());
        return new NodeSummary(profile.name(), profile.tags(), profile.ports(), profile.runtimes(), running);
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
