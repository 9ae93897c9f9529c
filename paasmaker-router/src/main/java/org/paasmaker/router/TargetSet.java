package org.paasmaker.router;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The backends of one route in one routing table, and the choice among them. */
final class TargetSet {

    private final String hostname;
    private final Backend[] backends;
    private final Balancing balancing;
    private final boolean redirectToHttps;
    private final AtomicInteger turn = new AtomicInteger();

    TargetSet(String hostname, List<Backend> backends, Balancing balancing, boolean redirectToHttps) {
        this.hostname = hostname;
        this.backends = backends.toArray(new Backend[0]);
        this.balancing = balancing;
        this.redirectToHttps = redirectToHttps;
    }

    /** Whether a plain HTTP request for the route is redirected to HTTPS rather than proxied. */
    boolean redirectToHttps() {
        return redirectToHttps;
    }

    String hostname() {
        return hostname;
    }

    boolean isEmpty() {
        return backends.length == 0;
    }

    /**
     * Picks a backend that is not in {@code tried} and counts a request in flight on it; null when
     * every one was tried or is draining.
     *
     * @param tried backends this request already failed to connect to; null for none
     */
    Backend acquire(List<Backend> tried) {
        int count = backends.length;
        int start = count > 1 ? Math.floorMod(turn.getAndIncrement(), count) : 0;
        if (balancing == Balancing.LEAST_CONNECTIONS) {
            return acquireLeastLoaded(start, tried);
        }
        for (int i = 0; i < count; i++) {
            Backend candidate = backends[(start + i) % count];
            if ((tried == null || !tried.contains(candidate)) && candidate.tryAcquire()) {
                return candidate;
            }
        }
        return null;
    }

    private Backend acquireLeastLoaded(int start, List<Backend> tried) {
        int count = backends.length;
        // A candidate may start draining between the scan and the acquire: then scan again without it.
        for (int attempt = 0; attempt < count; attempt++) {
            Backend best = null;
            for (int i = 0; i < count; i++) {
                Backend candidate = backends[(start + i) % count];
                if (!candidate.isDraining() && (tried == null || !tried.contains(candidate))
                        && (best == null || candidate.inFlight() < best.inFlight())) {
                    best = candidate;
                }
            }
            if (best == null) {
                return null;
            }
            if (best.tryAcquire()) {
                return best;
            }
        }
        return null;
    }
}
