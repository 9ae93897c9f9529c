package org.paasmaker.engine.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after {@value #FREE_FAILURES} failed sign-ins of one account, or
 * {@value #FREE_ADDRESS_FAILURES} from one address (many people may share one behind a NAT), the next
 * attempt waits 1 s after the last failure, then 2, 4, ... up to a minute. A
 * success clears the account's and the address's count; a count left alone for {@link #FORGET_AFTER}
 * is forgotten. Waits are refused, not slept, so a guesser holds no server thread.
 */
final class SignInThrottle {

    static final int FREE_FAILURES = 3;
    static final int FREE_ADDRESS_FAILURES = 20;
    static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the account and the address must still wait; empty when they may try now. */
    Optional<Duration> wait(String accountName, String addressName) {
        Instant now = clock.instant();
        failures.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now));
        Duration account = due(failures.get("account:" + accountName), FREE_FAILURES, now);
        Duration address = due(failures.get("address:" + addressName), FREE_ADDRESS_FAILURES, now);
        Duration longest = account.compareTo(address) > 0 ? account : address;
        return longest.isZero() || longest.isNegative() ? Optional.empty() : Optional.of(longest);
    }

    void failed(String account, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"account:" + account, "address:" + address}) {
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
    }

    void succeeded(String account, String address) {
        failures.remove("account:" + account);
        failures.remove("address:" + address);
    }

    private static Duration due(Failures f, int free, Instant now) {
        return f == null || f.count() < free ? Duration.ZERO : Duration.between(now, f.last().plus(delay(f.count() - free)));
    }

    private static Duration delay(int beyondFree) {
        int doublings = Math.min(beyondFree, 6);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : delay;
    }
}
