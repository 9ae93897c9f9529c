package org.paasmaker.router;

import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What every connection of one router shares: the current routes, the pools, where finished requests
 * are told, and the port of the HTTPS listener that redirects point to (0 or less when there is none).
 */
record ProxyContext(Supplier<RouteSnapshot> routes, BackendPools pools, Optional<AccessLog> accessLog,
        TrafficRecorder unrouted, IntSupplier httpsPort) {
}
