package org.paasmaker.engine.routes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.routing.RoutingTable;

/**
 * The controller's side of the routers that follow it from other machines: the latest routing table
 * by generation, which a router asks for with the generation it serves and, when it has it already,
 * waits for (a long poll, at most {@link #MAX_WAIT}); and, per router, the generation it last said it
 * serves, how many dropped targets it still sends requests to, and when it said so.
 *
 * <p>Zero-downtime switching through followers: a drain publishes the table without the leaving
 * instances, then {@link #awaitConfirmed} waits until every live router (one that polled within
 * {@link #LIVE_WINDOW}) serves that generation and has no request in flight to a dropped target; only
 * then are the instances stopped. A router silent for longer is not waited for: it is down or cut
 * off, and it will take the whole table when it polls again.
 */
public final class RouteFeed {

    /** The longest a poll is held; routers poll again at once, so a live router polls at least this often. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(20);
    /** A router that polled within this is live: drains wait for it. Above {@link #MAX_WAIT}, with room to spare. */
    public static final Duration LIVE_WINDOW = Duration.ofSeconds(45);

    /** What a router said with its last poll. */
    public record Confirmation(String router, long generation, int busyDropped, Instant at) {

        public Confirmation {
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(at, "at");
        }

        boolean done(long wanted) {
            return generation >= wanted && busyDropped == 0;
        }
    }

    private final Clock clock;
    // Guarded by this; waiters are woken by notifyAll on every publish and every poll.
    private RoutingTable latest = RoutingTable.EMPTY;
    private final Map<String, Confirmation> confirmations = new LinkedHashMap<>();

    public RouteFeed(Clock clock) {
        this.clock = clock;
    }

    /** Makes this the latest table, when it is newer than the latest; polls waiting for one get it now. */
    public synchronized void publish(RoutingTable table) {
        if (table.generation() > latest.generation()) {
            latest = table;
            notifyAll();
        }
    }

    public synchronized RoutingTable latest() {
        return latest;
    }

    /**
     * Records that {@code router} serves generation {@code after} with {@code busyDropped} dropped
     * targets still busy, then returns the latest table once it is newer than {@code after}, waiting
     * at most {@code wait} (capped at {@link #MAX_WAIT}); empty when the wait ran out.
     */
    public synchronized Optional<RoutingTable> poll(String router, long after, int busyDropped, Duration wait)
            throws InterruptedException {
        confirmations.put(router, new Confirmation(router, after, busyDropped, clock.instant()));
        notifyAll();
        long deadline = System.nanoTime() + (wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait).toNanos();
        while (latest.generation() <= after) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.of(latest);
    }

    /**
     * The highest generation any router said it serves: above the latest table's when the controller
     * lost its generations (its data directory and its own router's table gone) while routers kept
     * theirs, which would refuse its lower ones.
     */
    public synchronized long highestServed() {
        return confirmations.values().stream().mapToLong(Confirmation::generation).max().orElse(0);
    }

    /**
     * Forgets {@code router}: it follows another controller now (this one told it that it does not
     * lead), and the drains here need not wait for it.
     */
    public synchronized void forget(String router) {
        if (confirmations.remove(router) != null) {
            notifyAll();
        }
    }

    /** Every router's last poll, in the order they first polled. */
    public synchronized List<Confirmation> confirmations() {
        return List.copyOf(confirmations.values());
    }

    /**
     * Waits, at most {@code limit}, until every live router serves {@code generation} or a later one
     * and has no request in flight to a target a table dropped. Returns the live routers that had not
     * by then (empty when all had).
     */
    public synchronized List<Confirmation> awaitConfirmed(long generation, Duration limit) {
        long deadline = System.nanoTime() + Math.max(0, limit.toNanos());
        while (true) {
            List<Confirmation> lagging = lagging(generation);
            long left = deadline - System.nanoTime();
            if (lagging.isEmpty() || left <= 0) {
                return lagging;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lagging(generation);
            }
        }
    }

    private List<Confirmation> lagging(long generation) {
        Instant liveSince = clock.instant().minus(LIVE_WINDOW);
        List<Confirmation> lagging = new ArrayList<>();
        for (Confirmation confirmation : confirmations.values()) {
            if (confirmation.at().isAfter(liveSince) && !confirmation.done(generation)) {
                lagging.add(confirmation);
            }
        }
        return lagging;
    }
}
