package org.paasmaker.engine.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
     * the controller gave the name is kept; the profile is asked of the new node. The registration
     * counts as a report, and the node is due to be reconciled with the records ({@link #registered}).
     */
    public synchronized void addOrReplace(Node node, Instant at) {
        Entry previous = nodes.get(node.name());
        Entry entry = new Entry(node, previous == null ? NodeState.ACTIVE : previous.state);
        if (previous != null) {
            entry.report = previous.report;
            entry.downAt = previous.downAt;
        }
        entry.heard = at;
        entry.registered = true;
        nodes.put(node.name(), entry);
    }

    /**
     * The registrations not yet reconciled with the records ({@link #reconciled}), of nodes not DOWN (a
     * DOWN one is, when it is seen again: {@link #returned}).
     */
    public synchronized List<Node> registered() {
        return nodes.values().stream()
                .filter(entry -> entry.registered && entry.state != NodeState.DOWN)
                .map(entry -> entry.node).toList();
    }

    /**
     * What the node holds was reconciled with the records since this registration. A newer one, come
     * while the reconciliation ran (the agent restarted meanwhile), stays due: its node may hold
     * something else by now.
     */
    public synchronized void reconciled(Node registration) {
        Entry entry = entry(registration.name());
        if (entry.node == registration) {
            entry.registered = false;
        }
    }

    /** Keeps what the node reported last, with when it came: what tells whether the node still reports. */
    public synchronized void reported(String name, NodeReport report) {
        Entry entry = entry(name);
        entry.report = report;
        entry.heard = report.received();
    }

    /** What the node reported last; empty for a node that never reported (the controller's own). */
    public synchronized Optional<NodeReport> lastReport(String name) {
        return Optional.ofNullable(entry(name).report);
    }

    /** Whether a node of that name is known. */
    public synchronized boolean knows(String name) {
        return nodes.containsKey(name);
    }

    /**
     * Whether the node can be asked to act on its instances: known, and not DOWN (a DOWN node's files and
     * processes are dealt with when it returns).
     */
    public synchronized boolean reachable(String name) {
        Entry entry = nodes.get(name);
        return entry != null && entry.state != NodeState.DOWN;
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

    /** {@link #address}, or null for a node not known (yet): an agent registers after the controller's start. */
    public synchronized String addressIfKnown(String name) {
        return nodes.containsKey(name) ? address(name) : null;
    }

    /**
     * A report from the node's agent: it is alive at {@code at}. A node that never reports (one in this
     * process) is never judged silent; one that has reported once is watched from then on. A DOWN node
     * that reports again stays DOWN until the controller has reconciled it ({@link #returned}).
     */
    public synchronized void heard(String name, Instant at) {
        entry(name).heard = at;
    }

    /**
     * The watched nodes, not DOWN, last heard before {@code cutoff}: the ones silent longest first.
     */
    public synchronized List<String> silentSince(Instant cutoff) {
        return nodes.entrySet().stream()
                .filter(e -> e.getValue().heard != null && e.getValue().state != NodeState.DOWN
                        && e.getValue().heard.isBefore(cutoff))
                .sorted(Comparator.comparing(e -> e.getValue().heard))
                .map(Map.Entry::getKey).toList();
    }

    /** The DOWN nodes heard from since they were marked down: back, and due to be reconciled. */
    public synchronized List<String> returned() {
        return nodes.entrySet().stream()
                .filter(e -> e.getValue().state == NodeState.DOWN && e.getValue().heard != null
                        && e.getValue().downAt != null && e.getValue().heard.isAfter(e.getValue().downAt))
                .map(Map.Entry::getKey).toList();
    }

    /** Marks the node DOWN as of {@code at}: placement skips it and nothing is asked of it until it returns. */
    public synchronized void markDown(String name, Instant at) {
        Entry entry = entry(name);
        entry.state = NodeState.DOWN;
        entry.downAt = at;
    }

    /** When the node was last heard from; empty for a node that never reports. */
    public synchronized Optional<Instant> lastHeard(String name) {
        return Optional.ofNullable(entry(name).heard);
    }

    /** How many known nodes are in the state. */
    public synchronized int count(NodeState state) {
        return (int) nodes.values().stream().filter(entry -> entry.state == state).count();
    }

    /** How many nodes are known. */
    public synchronized int size() {
        return nodes.size();
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
        Instant heard;
        Instant downAt;
        boolean registered;

        Entry(Node node, NodeState state) {
            this.node = node;
            this.state = state;
        }
    }
}
