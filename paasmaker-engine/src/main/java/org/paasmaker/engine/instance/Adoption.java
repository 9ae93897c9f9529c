package org.paasmaker.engine.instance;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.node.NodeRegistry;

/**
 * What a starting controller does with what a previous one left: instances recorded as RUNNING whose
 * processes still run on their node are kept (and counted), the other active ones are failed so that
 * the health checks replace them, as are those recorded on a node this controller no longer knows, and
 * processes a node runs that no record of that node knows are stopped, so none is duplicated and none
 * orphaned.
 */
final class Adoption {

    private final Store store;
    private final NodeRegistry nodes;
    private final BiConsumer<Instance, String> fail;

    Adoption(Store store, NodeRegistry nodes, BiConsumer<Instance, String> fail) {
        this.store = store;
        this.nodes = nodes;
        this.fail = fail;
    }

    void run() {
        Set<Instance> recorded = recorded();
        recorded.stream()
                .filter(i -> InstanceManager.ACTIVE.contains(i.state()) && !nodes.knows(i.node()))
                .forEach(i -> fail.accept(i, "its node '" + i.node() + "' is not known to this controller any more;"
                        + " a new instance replaces it"));
        for (Node node : nodes.all()) {
            Set<InstanceId> alive = node.running();
            Set<InstanceId> known = new HashSet<>();
            for (Instance instance : recorded) {
                if (!instance.node().equals(node.name())) {
                    continue;
                }
                known.add(instance.id());
                if (!InstanceManager.ACTIVE.contains(instance.state())
                        || instance.state() == InstanceState.RUNNING && alive.contains(instance.id())) {
                    continue;
                }
                fail.accept(instance, instance.state() == InstanceState.RUNNING
                        ? "its process ended while the engine was down; a new instance replaces it"
                        : "the engine stopped while it was starting; a new instance replaces it");
            }
            alive.stream().filter(id -> !known.contains(id)).forEach(node::release);
        }
    }

    private Set<Instance> recorded() {
        Set<Instance> instances = new HashSet<>();
        for (var workspace : store.workspaces().list()) {
            for (Application application : store.applications().list(workspace.id())) {
                for (ApplicationVersion version : store.versions().list(application.id())) {
                    instances.addAll(store.instances().list(version.id()));
                }
            }
        }
        return instances;
    }
}
