package org.paasmaker.engine.cron;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock that a test sets by hand. */
final class MutableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant instant;

    MutableClock(Instant instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    void set(Instant instant) {
        this.instant = instant;
    }

    @Override
    public Instant instant() {
        return instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new MutableClock(instant, other);
    }
}
