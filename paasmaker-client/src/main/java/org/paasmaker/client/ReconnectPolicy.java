package org.paasmaker.client;

import java.time.Duration;

/**
 * How an event stream that dropped is reconnected: up to {@code attempts} tries in a row, waiting
 * {@code firstDelay} before the first and twice as long before each next (at most {@link #MAX_DELAY}).
 * An event that arrives starts the count again.
 */
record ReconnectPolicy(int attempts, Duration firstDelay) {

    static final ReconnectPolicy DEFAULT = new ReconnectPolicy(5, Duration.ofMillis(250));
    static final Duration MAX_DELAY = Duration.ofSeconds(10);

    ReconnectPolicy {
        if (attempts < 0) {
            throw new IllegalArgumentException("reconnect attempts are 0 or more, not " + attempts);
        }
        if (firstDelay.isNegative()) {
            throw new IllegalArgumentException("the delay before reconnecting is 0 or more, not " + firstDelay);
        }
    }

    /** The wait before try {@code attempt} (1 for the first). */
    Duration delay(int attempt) {
        Duration delay = firstDelay;
        for (int i = 1; i < attempt && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
