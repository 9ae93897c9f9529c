package org.paasmaker.engine.instance;

import java.util.List;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.manifest.InstanceTypeSpec;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.placement.PlacementCandidate;
import org.paasmaker.api.placement.PlacementRequest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.plugin.PluginRegistry;

/**
 * Asks the instance type's placement plugin for the node of each new instance, telling it every
 * known node with its state and the version's active instances already there.
 */
final class InstancePlacement {

    private final Store store;
    private final PluginRegistry plugins;
    private final NodeRegistry nodes;

    InstancePlacement(Store store, PluginRegistry plugins, NodeRegistry nodes) {
        this.store = store;
        this.plugins = plugins;
        this.nodes = nodes;
    }

    /** The node a new instance of the type goes to; an error naming what no node offers when none fits. */
    Node choose(ApplicationVersion version, InstanceTypeSpec type, String label) {
        List<Instance> active = store.instances().list(version.id()).stream()
                .filter(i -> InstanceManager.ACTIVE.contains(i.state())).toList();
        List<PlacementCandidate> candidates = nodes.all().stream().map(node -> new PlacementCandidate(
                node.profile(), nodes.state(node.name()),
                (int) active.stream().filter(i -> i.node().equals(node.name())).count(),
                (int) active.stream().filter(i -> i.node().equals(node.name())
                        && i.instanceType().equals(type.name())).count()))
                .toList();
        String chosen = plugins.placement(type.placement().plugin())
                .choose(new PlacementRequest(label, type.runtime(), type.placement().parameters(), candidates));
        return nodes.node(chosen);
    }
}
