package org.paasmaker.router;

import org.paasmaker.api.routing.RouteTarget;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A route target as the data plane uses it: its resolved address, its traffic statistics, and how
 * many requests it has in flight. Once draining it takes no new request ({@link #tryAcquire} fails,
 * so the caller re-reads the routing table, which no longer lists it) and {@link #idle()} completes
 * when its last request ends. A draining backend never comes back: a table that lists its target
 * again gets a new one.
 */
final class Backend {

    /** The sign bit of {@link #state}; the other bits count requests in flight. */
    private static final int DRAINING = Integer.MIN_VALUE;

    private final RouteTarget target;
    private final InetSocketAddress address;
    private final String upstream;
    private final TrafficRecorder traffic;
    private final AtomicInteger state = new AtomicInteger();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();

    Backend(RouteTarget target, TrafficRecorder traffic) {
        this.target = target;
        this.address = new InetSocketAddress(target.host(), target.port());
        this.upstream = target.address();
        this.traffic = traffic;
    }

    RouteTarget target() {
        return target;
    }

    InetSocketAddress address() {
        return address;
    }

    /** {@code host:port}, made once: the access log names it for every request. */
    String upstream() {
        return upstream;
    }

    TrafficRecorder traffic() {
        return traffic;
    }

    /** Counts one more request in flight, unless this backend is draining. */
    boolean tryAcquire() {
        while (true) {
            int current = state.get();
            if (current < 0) {
                return false;
            }
            if (state.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Ends a request that {@link #tryAcquire} counted. */
    void release() {
        if (state.decrementAndGet() == DRAINING) {
            idle.complete(null);
        }
    }

    int inFlight() {
        return state.get() & Integer.MAX_VALUE;
    }

    boolean isDraining() {
        return state.get() < 0;
    }

    void startDraining() {
        if (state.getAndUpdate(current -> current | DRAINING) == 0) {
            idle.complete(null);
        }
    }

    /** Completes once this backend is draining and has no request in flight. */
    CompletableFuture<Void> idle() {
        return idle;
    }

    @Override
    public String toString() {
        return target.instanceId() + "@" + target.address();
    }
}
