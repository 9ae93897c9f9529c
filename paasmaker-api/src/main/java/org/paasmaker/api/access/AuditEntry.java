package org.paasmaker.api.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change made through the API: who ({@code actor}, a user's name or {@code operator}), when, what
 * ({@code action}, the method and the path, which names the object), how it ended (the HTTP status)
 * and the job it started, if any.
 */
public record AuditEntry(long id, Instant at, String actor, String action, int status, Optional<String> job) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(job, "job");
    }
}
