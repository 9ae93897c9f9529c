package org.paasmaker.router;

import java.util.Optional;
import java.util.function.Supplier;

/** What every connection of one router shares: the current routes, the pools, and where finished requests are told. */
record ProxyContext(Supplier<RouteSnapshot> routes, BackendPools pools, Optional<AccessLog> accessLog,
        TrafficRecorder unrouted) {
}
