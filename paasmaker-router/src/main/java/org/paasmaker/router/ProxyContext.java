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

    private static final String NONE = "-";

    /**
     * Tells a finished exchange to the statistics (its backend's, or the unrouted ones when it had none)
     * and the access log.
     *
     * @param host null when the request named none
     */
    void finished(long startNanos, String host, String method, String uri, int code, long bytes, Backend served) {
        long nanos = System.nanoTime() - startNanos;
        (served == null ? unrouted : served.traffic()).record(code, bytes, nanos);
        if (accessLog.isPresent()) {
            accessLog.get().log(new AccessLog.Entry(System.currentTimeMillis(), host == null ? NONE : host, method, uri, code,
                    bytes, served == null ? NONE : served.upstream(), nanos));
        }
    }
}
