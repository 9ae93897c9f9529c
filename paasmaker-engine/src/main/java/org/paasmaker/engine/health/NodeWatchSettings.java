package org.paasmaker.engine.health;

import java.time.Duration;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.EnvironmentNumbers;

/**
 * How the controller judges nodes and replaces what they lose: a node that has not reported for
 * {@code timeout} is DOWN, and at most {@code replacementsPerRound} versions start replacements in one
 * health round, so that losing a node does not start everything at once on the others.
 */
public record NodeWatchSettings(Duration timeout, int replacementsPerRound) {

    /** Agents report every 2 s by default: three missed reports make a node DOWN. */
    public static final NodeWatchSettings DEFAULT = new NodeWatchSettings(Duration.ofSeconds(6), 10);
    public static final String TIMEOUT_VARIABLE = "PAASMAKER_NODE_TIMEOUT";
    public static final String PACE_VARIABLE = "PAASMAKER_REPLACEMENTS_PER_ROUND";

    public NodeWatchSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a node's timeout is positive: " + timeout);
        }
        if (replacementsPerRound < 1) {
            throw new IllegalArgumentException("at least one replacement starts in a round: " + replacementsPerRound);
        }
    }

    /** The settings {@value #TIMEOUT_VARIABLE} (seconds) and {@value #PACE_VARIABLE} give, else {@link #DEFAULT}'s. */
    public static NodeWatchSettings from(Map<String, String> environment) {
        int seconds = EnvironmentNumbers.number(environment, TIMEOUT_VARIABLE, (int) DEFAULT.timeout.toSeconds(),
                "the seconds after which a node that stopped reporting is DOWN (1 or more), such as 6");
        int pace = EnvironmentNumbers.number(environment, PACE_VARIABLE, DEFAULT.replacementsPerRound,
                "how many versions may start replacements in one health round (1 or more), such as 10");
        if (seconds < 1 || pace < 1) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, TIMEOUT_VARIABLE + "=" + seconds + " and "
                    + PACE_VARIABLE + "=" + pace + " must both be 1 or more");
        }
        return new NodeWatchSettings(Duration.ofSeconds(seconds), pace);
    }
}
