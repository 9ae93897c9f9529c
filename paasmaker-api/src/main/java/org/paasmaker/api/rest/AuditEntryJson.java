package org.paasmaker.api.rest;

import java.time.Instant;
import org.paasmaker.api.access.AuditEntry;

/** An entry of the audit trail on the wire; {@code jobId} is null when the change started no job. */
public record AuditEntryJson(long id, Instant at, String actor, String action, int status, String jobId) {

    public static AuditEntryJson of(AuditEntry entry) {
        return new AuditEntryJson(entry.id(), entry.at(), entry.actor(), entry.action(), entry.status(), entry.job().orElse(null));
    }
}
