package org.paasmaker.engine.instance;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.store.Store;

/**
 * What a controller does with what a node holds when it first sees the node (at its own start, or when
 * the node's agent registers) and when a node marked DOWN returns: instances recorded as RUNNING there
 * whose processes still run are kept (and counted), the other active ones are failed so that the
 * health checks replace them, and processes the node runs that no active record of that node knows
 * (among them the ones replaced elsewhere while it was away) are stopped, so none is duplicated and
 * none orphaned. Instances recorded on a node that never shows up are left to {@code NodeWatch}.
 */
final class Adoption {

    private final Store store;
    private final BiConsumer<Instance, String> fail;

    Adoption(Store store, BiConsumer<Instance, String> fail) {
        this.store = store;
        this.fail = fail;
    }

    void run(Node node) {
        Set<InstanceId> alive = node.running();
        Set<InstanceId> handled = new HashSet<>();
        for (Instance instance : store.instances().onNode(node.name())) {
            if (!InstanceManager.ACTIVE.contains(instance.state())) {
                continue;
            }
            handled.add(instance.id());
            if (instance.state() == InstanceState.RUNNING && alive.contains(instance.id())) {
                continue;
            }
            fail.accept(instance, instance.state() == InstanceState.RUNNING
                    ? "its process ended while the controller did not watch it; a new instance replaces it"
                    : "the controller stopped watching it while it was starting; a new instance replaces it");
        }
        alive.stream().filter(id -> !handled.contains(id)).forEach(node::release);
    }
}
