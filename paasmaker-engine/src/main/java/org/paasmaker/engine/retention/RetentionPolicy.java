package org.paasmaker.engine.retention;

import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * How much of the past each application keeps: its current version and the {@code versions} newest of
 * the others, with their packages, so that a rollback is one make-current away.
 */
public record RetentionPolicy(int versions) {

    public static final RetentionPolicy DEFAULT = new RetentionPolicy(5);
    public static final String VERSIONS_VARIABLE = "PAASMAKER_KEEP_VERSIONS";

    public RetentionPolicy {
        if (versions < 0) {
            throw new IllegalArgumentException("an application keeps 0 or more versions besides its current one: "
                    + versions);
        }
    }

    /** The policy {@value #VERSIONS_VARIABLE} sets, else {@link #DEFAULT}. */
    public static RetentionPolicy from(Map<String, String> environment) {
        String text = environment.get(VERSIONS_VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        try {
            return new RetentionPolicy(Integer.parseInt(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, VERSIONS_VARIABLE + " is '" + text
                    + "'; give how many versions each application keeps besides its current one (0 or more), such as 5", e);
        }
    }
}
