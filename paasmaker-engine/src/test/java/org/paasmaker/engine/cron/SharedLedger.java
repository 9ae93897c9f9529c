package org.paasmaker.engine.cron;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.paasmaker.api.store.CronLedgerRepository;

/** A ledger that several runners share, as controllers share their database's. */
public final class SharedLedger implements CronLedgerRepository {

    private final Map<String, Instant> slots = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> lastHandled(String key) {
        return Optional.ofNullable(slots.get(key));
    }

    @Override
    public synchronized boolean advance(String key, Optional<Instant> expected, Instant slot) {
        if (!lastHandled(key).equals(expected)) {
            return false;
        }
        slots.put(key, slot);
        return true;
    }
}
