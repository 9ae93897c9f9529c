package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.paasmaker.api.store.Lease;

/** A {@link Lease} as a table row (V3__controllers). */
@Entity
@Table(name = "PM_LEASE")
class LeaseRow {

    @Id
    @Column(name = "NAME", length = 250)
    String name;

    @Column(name = "HOLDER", nullable = false, length = 200)
    String holder;

    @Column(name = "EXPIRES_AT_MS", nullable = false)
    long expiresAtMillis;

    @Column(name = "TERM", nullable = false)
    long term;

    protected LeaseRow() {
    }

    LeaseRow(String name, String holder, Instant expiresAt, long term) {
        this.name = name;
        this.holder = holder;
        this.expiresAtMillis = expiresAt.toEpochMilli();
        this.term = term;
    }

    /**
     * Held by {@code holder} until {@code expiresAt}, in a new term if another held it. The row's fields
     * change only in its own methods: in the server EclipseLink weaves the entities, and tracks a change
     * only through the entity's own writes, so one made from another class would never reach the database.
     */
    void holdUntil(String holder, Instant expiresAt) {
        if (!this.holder.equals(holder)) {
            this.term++;
            this.holder = holder;
        }
        this.expiresAtMillis = expiresAt.toEpochMilli();
    }

    /** Run out at {@code at}: given up by its holder. */
    void expireAt(Instant at) {
        this.expiresAtMillis = at.toEpochMilli();
    }

    Lease toRecord() {
        return new Lease(name, holder, Instant.ofEpochMilli(expiresAtMillis), term);
    }
}
