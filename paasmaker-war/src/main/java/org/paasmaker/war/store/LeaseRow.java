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

    Lease toRecord() {
        return new Lease(name, holder, Instant.ofEpochMilli(expiresAtMillis), term);
    }
}
