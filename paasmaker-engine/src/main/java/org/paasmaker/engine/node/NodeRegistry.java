package org.paasmaker.engine.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.NodeState;

/**
 * The nodes the controller knows, each with its state: the controller reaches an instance only
 * through the node it was placed on, found here by the name its record holds.
 */
public final class NodeRegistry {

    private final Map<String, Entry> nodes = new LinkedHashMap<>();

    public NodeRegistry(List<? extends Node> nodes) {
        nodes.forEach(this::add);
    }

    /** Adds a node, ACTIVE; a name already taken is refused. */
    public synchronized void add(Node node) {
        if (nodes.containsKey(node.name())) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "a node named '" + node.name() + "' is already known");
        }
        nodes.put(node.name(), new Entry(node, NodeState.ACTIVE));
    }

    /**
     * Adds the node, or puts it in the place of the node of its name: a node agent that registers
     * again (after its own restart, or the controller's) replaces its entry. The state an operator or
     * the controller gave the name is kept; the profile is asked of the new node.
     */
    public synchronized void addOrReplace(Node node) {
        Entry previous = nodes.get(node.name());
        Entry entry = new Entry(node, previous == null ? NodeState.ACTIVE : previous.state);
        if (previous != null) {
            entry.report = previous.report;
        }
        nodes.put(node.name(), entry);
    }

    /** Keeps what the node reported last, with when it came: what tells whether the node still reports. */
    public synchronized void reported(String name, NodeReport report) {
        entry(name).report = report;
    }

    /** What the node reported last; empty for a node that never reported (the controller's own). */
    public synchronized Optional<NodeReport> lastReport(String name) {
        return Optional.ofNullable(entry(name).report);
    }

    /** Whether a node of that name is known. */
    public synchronized boolean knows(String name) {
        return nodes.containsKey(name);
    }

    /** The node of that name; a {@code NOT_FOUND} error naming it and the known ones when there is none. */
    public synchronized Node node(String name) {
        return entry(name).node;
    }

    public synchronized NodeState state(String name) {
        return entry(name).state;
    }

    public synchronized void setState(String name, NodeState state) {
        entry(name).state = state;
    }

    /**
     * The node's profile as it was when first asked for: its name, address and tags do not change
     * while it is known, and asking a node again for its runtimes is not free.
     */
    public synchronized NodeProfile profile(String name) {
        Entry entry = entry(name);
        if (entry.profile == null) {
            entry.profile = entry.node.profile();
        }
        return entry.profile;
    }

    /** Where the node's instances are reached: routes, crons and probes go there. */
    public String address(String name) {
        return profile(name).address();
    }

    /** Every known node, in the order they were added. */
    public synchronized List<Node> all() {
        List<Node> all = new ArrayList<>();
        nodes.values().forEach(entry -> all.add(entry.node));
        return all;
    }

    private Entry entry(String name) {
        Entry entry = nodes.get(name);
        if (entry == null) {
            throw new PaasmakerException(ErrorCode.NOT_FOUND, "no node named '" + name + "' is known; the nodes are: "
                    + String.join(", ", nodes.keySet()));
        }
        return entry;
    }

    private static final class Entry {
        final Node node;
        NodeState state;
        NodeProfile profile;
        NodeReport report;

        Entry(Node node, NodeState state) {
            this.node = node;
            this.state = state;
        }
    }
}
