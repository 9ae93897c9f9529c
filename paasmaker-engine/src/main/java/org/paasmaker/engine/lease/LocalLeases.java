package org.paasmaker.engine.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;

/**
 * Leases within one process: what an engine on its own file or in-memory store uses, where no other
 * controller can share the store and this one always takes the lease.
 */
public final class LocalLeases implements LeaseRepository {

    private final Clock clock;
    private final Map<String, Lease> leases = new HashMap<>();

    public LocalLeases(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Lease acquire(String name, String holder, Duration ttl) {
        Instant now = clock.instant();
        Lease lease = leases.get(name);
        if (lease == null || lease.heldBy(holder) || !lease.expiresAt().isAfter(now)) {
            long term = lease == null ? 1 : lease.heldBy(holder) ? lease.term() : lease.term() + 1;
            lease = new Lease(name, holder, now.plus(ttl), term);
            leases.put(name, lease);
        }
        return lease;
    }

    @Override
    public synchronized void release(String name, String holder) {
        Lease lease = leases.get(name);
        if (lease != null && lease.heldBy(holder)) {
            leases.put(name, new Lease(name, holder, clock.instant(), lease.term()));
        }
    }

    @Override
    public synchronized Optional<Lease> find(String name) {
        return Optional.ofNullable(leases.get(name));
    }
}
