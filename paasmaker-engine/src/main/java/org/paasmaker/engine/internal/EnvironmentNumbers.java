package org.paasmaker.engine.internal;

import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** Whole numbers an operator sets as environment variables, with the message a wrong one gets. */
public final class EnvironmentNumbers {

    private EnvironmentNumbers() {
    }

    /**
     * The variable's number, or {@code fallback} when it is unset or blank.
     *
     * @param what what to give instead, for the message: "how many ..., such as 5"
     */
    public static int number(Map<String, String> environment, String variable, int fallback, String what) {
        String text = environment.get(variable);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, variable + " is '" + text + "'; give " + what, e);
        }
    }
}
