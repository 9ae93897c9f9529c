package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.paasmaker.api.access.AuditEntry;

/** An {@link AuditEntry} as a row; the identity column orders the trail. */
@Entity
@Table(name = "PM_AUDIT")
class AuditRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    long id;

    @Column(name = "AUDITED_AT", nullable = false, length = 40)
    String at;

    @Column(name = "ACTOR", nullable = false, length = 63)
    String actor;

    @Column(name = "ACTION_DONE", nullable = false, length = 2000)
    String action;

    @Column(name = "HTTP_STATUS", nullable = false)
    int status;

    @Column(name = "JOB_ID", length = 36)
    String job;

    protected AuditRow() {
        // for JPA
    }

    AuditRow(Instant at, String actor, String action, int status, Optional<String> job) {
        this.at = at.toString();
        this.actor = actor;
        this.action = action;
        this.status = status;
        this.job = job.orElse(null);
    }

    AuditEntry toRecord() {
        return new AuditEntry(id, Instant.parse(at), actor, action, status, Optional.ofNullable(job));
    }
}
