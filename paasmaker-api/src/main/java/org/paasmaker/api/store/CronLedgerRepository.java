package org.paasmaker.api.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The last slot handled (run, skipped or missed) per cron, by the cron's key. Controllers sharing a
 * store advance it with a compare-and-set, so that a slot is run once however many controllers
 * believe, for a moment, that they lead.
 */
public interface CronLedgerRepository {

    /** The last slot handled for the cron; empty for a cron never seen. */
    Optional<Instant> lastHandled(String key);

    /**
     * Records {@code slot} as the last handled for the cron if the last handled is still
     * {@code expected}, before the slot's call starts. Returns false, recording nothing, when another
     * controller recorded first: that one runs the slot.
     */
    boolean advance(String key, Optional<Instant> expected, Instant slot);
}
