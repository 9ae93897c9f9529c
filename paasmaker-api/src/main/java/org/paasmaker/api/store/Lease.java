package org.paasmaker.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a named lease, until when by the store's clock, and in which term: the term grows by one
 * each time the lease passes to another holder, so work stamped with a term can tell a holder that
 * lost the lease from the one that took it.
 */
public record Lease(String name, String holder, Instant expiresAt, long term) {

    public Lease {
        Objects.requireNonNull(name, "a lease needs its name");
        Objects.requireNonNull(holder, "a lease needs its holder");
        Objects.requireNonNull(expiresAt, "a lease needs its expiry");
        if (term < 1) {
            throw new IllegalArgumentException("a lease's term is 1 or more, not " + term);
        }
    }

    public boolean heldBy(String someone) {
        return holder.equals(someone);
    }
}
