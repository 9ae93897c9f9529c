package org.paasmaker.engine.health;

import java.time.Duration;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

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
        long seconds = number(environment, TIMEOUT_VARIABLE, DEFAULT.timeout.toSeconds(),
                "the seconds after which a node that stopped reporting is DOWN (1 or more), such as 6");
        long pace = number(environment, PACE_VARIABLE, DEFAULT.replacementsPerRound,
                "how many versions may start replacements in one health round (1 or more), such as 10");
        if (seconds < 1 || pace < 1) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, TIMEOUT_VARIABLE + "=" + seconds + " and "
                    + PACE_VARIABLE + "=" + pace + " must both be 1 or more");
        }
        return new NodeWatchSettings(Duration.ofSeconds(seconds), (int) Math.min(pace, Integer.MAX_VALUE));
    }

    private static long number(Map<String, String> environment, String variable, long fallback, String what) {
        String text = environment.get(variable);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, variable + " is '" + text + "'; give " + what, e);
        }
    }
}
