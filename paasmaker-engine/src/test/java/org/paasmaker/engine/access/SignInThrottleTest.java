package org.paasmaker.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {

        private Instant now = Instant.parse("2026-12-06T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void afterThreeFailuresEachAttemptWaitsTwiceAsLongUpToAMinute() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.wait("ann", "10.0.0.1")).isEmpty();
            throttle.failed("ann", "10.0.0.1");
        }
        assertThat(throttle.wait("ann", "10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.wait("ann", "10.0.0.1")).isEmpty();
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.wait("ann", "10.0.0.1")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        assertThat(throttle.wait("ann", "10.0.0.1")).contains(SignInThrottle.LONGEST_WAIT);
    }

    @Test
    void theAccountAndTheAddressAreCountedApart() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            throttle.failed("ann", "10.0.0." + i);
        }
        assertThat(throttle.wait("ann", "10.0.0.9")).as("the account, from a new address").isPresent();
        assertThat(throttle.wait("bob", "10.0.0.9")).isEmpty();
        for (int i = 0; i < SignInThrottle.FREE_ADDRESS_FAILURES - 1; i++) {
            throttle.failed("user" + i, "10.0.0.7");
        }
        assertThat(throttle.wait("carol", "10.0.0.7")).isEmpty();
        throttle.failed("dave", "10.0.0.7");
        assertThat(throttle.wait("carol", "10.0.0.7")).as("the address, for a new account").isPresent();
    }

    @Test
    void aSuccessOrQuarterOfAnHourClearsTheCount() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        throttle.succeeded("ann", "10.0.0.1");
        assertThat(throttle.wait("ann", "10.0.0.1")).isEmpty();
        for (int i = 0; i < SignInThrottle.FREE_FAILURES + 5; i++) {
            throttle.failed("bob", "10.0.0.2");
        }
        clock.advance(SignInThrottle.FORGET_AFTER.plusSeconds(1));
        assertThat(throttle.wait("bob", "10.0.0.2")).isEmpty();
        throttle.failed("bob", "10.0.0.2");
        assertThat(throttle.wait("bob", "10.0.0.2")).isEmpty();
    }
}
