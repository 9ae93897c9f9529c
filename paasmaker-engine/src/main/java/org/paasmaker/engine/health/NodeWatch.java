package org.paasmaker.engine.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.engine.node.NodeRegistry;

/**
 * Judges the nodes whose agents report: one silent for the timeout is marked DOWN and its active
 * instances are lost (DOWN, out of the routes, replaced elsewhere by the health checks); one that
 * returns is reconciled (the instances replaced meanwhile are stopped there) and takes work again.
 * Brakes against the storms of losing nodes wrongly: nothing is judged in the controller's first
 * timeout after its own start (its agents have not reported to it yet), and never more than half of
 * the nodes are DOWN at once: a controller that hears from none of them is more likely cut off itself.
 * Instances recorded on a node that has not registered once the first timeout has passed are lost too.
 */
public final class NodeWatch {

    private static final System.Logger LOG = System.getLogger(NodeWatch.class.getName());

    private final Store store;
    private final NodeRegistry nodes;
    private final InstanceManager instances;
    private final Clock clock;
    private final Duration timeout;
    private final Instant judgingFrom;
    private boolean unknownJudged;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public NodeWatch(Store store, NodeRegistry nodes, InstanceManager instances, Clock clock, Duration timeout) {
        this.store = store;
        this.nodes = nodes;
        this.instances = instances;
        this.clock = clock;
        this.timeout = timeout;
        this.judgingFrom = clock.instant().plus(timeout);
    }

    /** One round: nodes that registered or returned are reconciled, then silent ones are marked DOWN. */
    public void check() {
        for (Node registration : nodes.registered()) {
            String node = registration.name();
            reconcile(node, () -> {
                nodes.reconciled(registration);
                LOG.log(System.Logger.Level.INFO, "node " + node + " registered: reconciled");
            });
        }
        for (String node : nodes.returned()) {
            reconcile(node, () -> {
                nodes.setState(node, NodeState.ACTIVE);
                LOG.log(System.Logger.Level.INFO, "node " + node + " reports again: reconciled, and ACTIVE");
            });
        }
        Instant now = clock.instant();
        if (now.isBefore(judgingFrom)) {
            return;
        }
        for (String node : nodes.silentSince(now.minus(timeout))) {
            if (nodes.count(NodeState.DOWN) + 1 > nodes.size() / 2) {
                if (held.add(node)) {
                    LOG.log(System.Logger.Level.WARNING, "node " + node + " has not reported for " + timeout.toSeconds()
                            + " s, but is not marked DOWN: " + nodes.count(NodeState.DOWN) + " of " + nodes.size()
                            + " nodes already are, and never more than half are at once");
                }
                continue;
            }
            held.remove(node);
            Instant last = nodes.lastHeard(node).orElse(now);
            nodes.markDown(node, now);
            lose(i -> i.node().equals(node), i -> "its node '" + node + "' stopped reporting at " + last
                    + "; a new instance replaces it on another node");
        }
        // Once: instances are placed on known nodes only, and a node once known stays known.
        if (!unknownJudged) {
            unknownJudged = true;
            lose(i -> !nodes.knows(i.node()), i -> "its node '" + i.node() + "' has not reported since this"
                    + " controller started; a new instance replaces it on another node");
        }
    }

    /**
     * Reconciles what the node holds with the records, then {@code after}; a node that fails it, or with an
     * instance a lifecycle job is starting (its agent registered in the middle of it), is tried next round.
     */
    private void reconcile(String node, Runnable after) {
        try {
            if (instances.adopt(node)) {
                after.run();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not reconcile node " + node + " yet: " + e.getMessage());
        }
    }

    private void lose(Predicate<Instance> on, Function<Instance, String> why) {
        for (Instance instance : active()) {
            if (on.test(instance)) {
                instances.lose(instance, why.apply(instance));
            }
        }
    }

    private List<Instance> active() {
        return store.instances().inStates(InstanceManager.ACTIVE);
    }
}
