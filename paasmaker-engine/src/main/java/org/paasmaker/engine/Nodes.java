package org.paasmaker.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeSummary;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginRole;
import org.paasmaker.engine.plugin.PluginRegistry;

/** The engine's node views: the machines instances run on (this one, for now). */
public final class Nodes {

    private final Node node;
    private final Map<String, Object> tags;
    private final PortRange ports;
    private final PluginRegistry plugins;

    Nodes(Node node, Map<String, Object> tags, PortRange ports, PluginRegistry plugins) {
        this.node = node;
        this.tags = tags;
        this.ports = ports;
        this.plugins = plugins;
    }

    public List<NodeSummary> list() {
        return List.of(new NodeSummary(node.name(), tags, ports, runtimes(), node.running().size()));
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
