package org.paasmaker.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.access.AuditEntry;

/** The audit trail: appended to, never changed. */
public interface AuditRepository {

    /** Appends an entry; the store gives it the next id. */
    AuditEntry record(Instant at, String actor, String action, int status, Optional<String> job);

    /** The newest entries first, at most {@code limit} of them. */
    List<AuditEntry> newest(int limit);
}
