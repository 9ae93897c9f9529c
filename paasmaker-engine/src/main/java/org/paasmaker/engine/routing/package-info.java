/**
 * The router: an HTTP/1.1 reverse proxy that routes on the Host header to the running instances of
 * the current {@link org.paasmaker.api.routing.RoutingTable}, and its own process.
 *
 * <p>What the engine calls, through {@link org.paasmaker.engine.routing.RouterControl}:
 * {@link org.paasmaker.engine.routing.RouterProcess#startOrAdopt} in production (a detached
 * {@link org.paasmaker.engine.routing.RouterMain} process, adopted after an engine restart, started
 * again when it died), or {@link org.paasmaker.engine.routing.Router#start} in the engine's own JVM;
 * then {@code update(table)}, {@code drain(table, limit)}, {@code table()} and
 * {@code statistics()}. Both run the same data plane.
 *
 * <p>The data plane is raw Netty: one event loop per core accepts and serves; a client connection's
 * connections to instances live on its loop, in a pool per loop; bodies pass through by reference,
 * never gathered, with reading paused on whichever side the other cannot keep up with. A routing
 * table becomes an immutable snapshot behind one volatile field, looked up without allocating.
 * Targets a new table drops are drained: they take no new request, and their requests in flight
 * finish.
 */
package org.paasmaker.engine.routing;
