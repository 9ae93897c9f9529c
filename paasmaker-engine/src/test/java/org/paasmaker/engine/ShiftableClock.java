package org.paasmaker.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs at the real pace from a time the test chooses, and that the test can move
 * forward: the engine's timers keep working while a test brings a cron's minute near.
 */
public final class ShiftableClock extends Clock {

    private volatile Duration offset;

    public ShiftableClock(Instant start) {
        offset = Duration.between(Instant.now(), start);
    }

    /** From now on the clock tells {@code time}, and runs on from there. */
    public void set(Instant time) {
        offset = Duration.between(Instant.now(), time);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the engine's clock stays in UTC");
    }
}
