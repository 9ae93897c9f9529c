package org.paasmaker.engine.lease;

import java.time.Duration;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.EnvironmentNumbers;

/**
 * How long the controller's lease lasts without renewal ({@code PAASMAKER_LEASE_SECONDS}, 6 by
 * default) and so how soon another controller takes over from one that died; the holder renews it
 * four times as often, so that a renewal or two may fail without losing it.
 */
public record LeaseSettings(Duration ttl) {

    public static final String TTL_VARIABLE = "PAASMAKER_LEASE_SECONDS";
    public static final LeaseSettings DEFAULTS = new LeaseSettings(Duration.ofSeconds(6));

    public LeaseSettings {
        if (ttl.compareTo(Duration.ofMillis(400)) < 0) {
            throw new IllegalArgumentException("the controller's lease lasts 0.4 s or more, not " + ttl);
        }
    }

    public static LeaseSettings from(Map<String, String> environment) {
        int seconds = EnvironmentNumbers.number(environment, TTL_VARIABLE, (int) DEFAULTS.ttl().toSeconds(),
                "how many seconds the controller's lease lasts without renewal, such as 6");
        if (seconds < 1) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, TTL_VARIABLE + " is " + seconds
                    + "; give 1 or more seconds, such as 6");
        }
        return new LeaseSettings(Duration.ofSeconds(seconds));
    }

    /** How often the holder renews, and another controller tries to take it. */
    public Duration renewEvery() {
        return ttl.dividedBy(4);
    }
}
