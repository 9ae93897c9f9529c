package org.paasmaker.api.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Named leases that controllers sharing one store take in turn: what must run once across them
 * (health rounds, replacements, crons) runs only at the holder of the lease. Every operation is
 * atomic across all controllers, and expiry is judged by the store's own clock, so that controllers
 * whose clocks differ still agree on who holds the lease.
 */
public interface LeaseRepository {

    /**
     * Gives the lease to {@code holder} for {@code ttl} when nobody holds it, its holder let it expire,
     * or {@code holder} holds it already (a renewal, in the same term). Returns the lease as it stands
     * afterwards, whoever holds it.
     */
    Lease acquire(String name, String holder, Duration ttl);

    /** Ends the holder's lease at once, so that another need not wait for its expiry; nothing if it does not hold it. */
    void release(String name, String holder);

    /** The lease as it stands, expired or not; empty when it was never taken. */
    Optional<Lease> find(String name);
}
