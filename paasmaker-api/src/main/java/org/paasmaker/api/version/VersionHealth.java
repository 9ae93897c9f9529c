package org.paasmaker.api.version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a version's instances fare, as the health checks see it: a crash loop shows here as
 * {@link Condition#BACKING_OFF}, with when the next attempt comes.
 *
 * @param detail what is going on, in words for a user
 * @param nextAttempt when the health checks try again, while they back off
 */
public record VersionHealth(Condition condition, String detail, Optional<Instant> nextAttempt) {

    public VersionHealth {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }

    public enum Condition {
        /** The version is not RUNNING, so nothing keeps its instances up. */
        NOT_RUNNING,
        /** Every instance type runs its quantity. */
        HEALTHY,
        /** Some instances are missing, and replacements are under way. */
        REPAIRING,
        /** Instances keep failing soon after they start; the next attempt waits, up to a minute. */
        BACKING_OFF
    }
}
