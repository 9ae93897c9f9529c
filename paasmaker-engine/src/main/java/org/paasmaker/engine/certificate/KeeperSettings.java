package org.paasmaker.engine.certificate;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * How the {@link CertificateKeeper} works: how often it looks, and how long before expiry it renews
 * at least (it renews when a third of a certificate's lifetime is left, or this, whichever is more).
 */
public record KeeperSettings(Duration interval, Duration renewBefore) {

    public static final String RENEW_BEFORE_VARIABLE = "PAASMAKER_ACME_RENEW_BEFORE";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([dhms])");

    public KeeperSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the certificate keeper's interval must be positive: " + interval);
        }
        if (renewBefore.isNegative()) {
            throw new IllegalArgumentException("the renewal margin cannot be negative: " + renewBefore);
        }
    }

    /** Every minute; {@value #RENEW_BEFORE_VARIABLE} ({@code 30d}, {@code 12h}, or ISO-8601 {@code P30D}), else a third. */
    public static KeeperSettings from(Map<String, String> environment) {
        String value = environment.get(RENEW_BEFORE_VARIABLE);
        return new KeeperSettings(DEFAULT_INTERVAL, value == null || value.isBlank() ? Duration.ZERO : duration(value));
    }

    private static Duration duration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(text);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
            }
            Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return duration;
        } catch (RuntimeException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, RENEW_BEFORE_VARIABLE + "='" + value
                    + "' is no duration; give a number with d, h, m or s (30d), or ISO-8601 (P30D)", e);
        }
    }
}
