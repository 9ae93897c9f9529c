package org.paasmaker.api.routing;

import java.time.Duration;

/**
 * What the engine asks of a router, whether it runs in the engine's JVM (the router module's
 * {@code Router}) or as its own process (the engine's {@code RouterProcess}, over the router's
 * control channel).
 */
public interface RouterControl {

    /** How long {@link #drain(RoutingTable)} waits for in-flight requests by default. */
    Duration DEFAULT_DRAIN_LIMIT = Duration.ofSeconds(30);

    /**
     * Serves this table from now on: new requests see it at once. Targets it no longer lists take no
     * new request; their requests in flight finish, and their idle connections are closed.
     *
     * @throws org.paasmaker.api.error.PaasmakerException (conflict) when the router already serves a
     *         table of a higher generation
     */
    void update(RoutingTable table);

    /** The port the router's proxy listens on. */
    int port();

    /** The table being served. */
    RoutingTable table();

    /**
     * {@link #update}s the table, then waits until every target no longer routed has no request in
     * flight, at most {@code limit}. Returns early once they are all idle.
     */
    DrainResult drain(RoutingTable next, Duration limit);

    /** {@link #drain(RoutingTable, Duration)} with {@link #DEFAULT_DRAIN_LIMIT}. */
    default DrainResult drain(RoutingTable next) {
        return drain(next, DEFAULT_DRAIN_LIMIT);
    }

    /** The traffic so far per application, version and instance. */
    RouterStatistics statistics();
}
