package org.paasmaker.engine.instance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
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
 *
 * <p>An agent registers whenever it likes, so this may run while a lifecycle job of this controller is
 * starting one of the node's instances: that instance is STARTING and its process not yet up, which
 * is not the abandoned start it would be taken for. An instance is therefore judged only while no job
 * of its application is queued or running here, as the health checks are, and only if its record has
 * not changed since it was read; the others are left to their job, and {@link #run} says so.
 */
final class Adoption {

    private final Store store;
    private final BiConsumer<Instance, String> fail;
    private final BiPredicate<Instance, Runnable> ifIdle;

    /**
     * @param ifIdle runs the judgement of an instance unless a lifecycle job of its application is queued
     *     or running, holding new ones back meanwhile; whether it ran
     */
    Adoption(Store store, BiConsumer<Instance, String> fail, BiPredicate<Instance, Runnable> ifIdle) {
        this.store = store;
        this.fail = fail;
        this.ifIdle = ifIdle;
    }

    /** Whether every active instance of the node was judged; false when one was left to a job (try again after it). */
    boolean run(Node node) {
        List<Instance> active = store.instances().onNode(node.name()).stream()
                .filter(instance -> InstanceManager.ACTIVE.contains(instance.state())).toList();
        // Asked after the records were read, so that an instance a job marked RUNNING before that read is
        // seen running here too, and not failed as one whose process ended.
        Set<InstanceId> alive = node.running();
        Set<InstanceId> handled = new HashSet<>();
        AtomicBoolean everyOneJudged = new AtomicBoolean(true);
        for (Instance instance : active) {
            handled.add(instance.id());
            if (instance.state() == InstanceState.RUNNING && alive.contains(instance.id())) {
                continue;
            }
            boolean idle = ifIdle.test(instance, () -> {
                if (!unchanged(instance)) {
                    // Another writer (a job ended since) moved it on after it was read: judged on the next try.
                    everyOneJudged.set(false);
                    return;
                }
                fail.accept(instance, instance.state() == InstanceState.RUNNING
                        ? "its process ended while the controller did not watch it; a new instance replaces it"
                        : "the controller stopped watching it while it was starting; a new instance replaces it");
            });
            if (!idle) {
                everyOneJudged.set(false);
            }
        }
        // A process whose record a job made after the records were read is that job's, not an orphan.
        alive.stream().filter(id -> !handled.contains(id) && !activeOn(node, id)).forEach(node::release);
        return everyOneJudged.get();
    }

    /** Whether the stored record is still the one read: no writer came between. */
    private boolean unchanged(Instance read) {
        return store.instances().find(read.id()).filter(now -> now.revision() == read.revision()).isPresent();
    }

    private boolean activeOn(Node node, InstanceId id) {
        return store.instances().find(id)
                .filter(now -> now.node().equals(node.name()) && InstanceManager.ACTIVE.contains(now.state()))
                .isPresent();
    }
}
