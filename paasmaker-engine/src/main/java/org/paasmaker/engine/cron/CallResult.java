package org.paasmaker.engine.cron;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one cron call went.
 *
 * @param status the HTTP status, when an answer came
 * @param durationMillis from sending the request to the end of the answer or the failure
 * @param bodyStart the start of the answer's body; empty when none came
 * @param failure why the call failed, in words; empty when it succeeded (a 2xx status)
 */
record CallResult(OptionalInt status, long durationMillis, String bodyStart, Optional<String> failure) {

    CallResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bodyStart, "bodyStart");
        Objects.requireNonNull(failure, "failure");
    }

    static CallResult answered(int status, long durationMillis, String bodyStart) {
        Optional<String> failure = status / 100 == 2 ? Optional.empty() : Optional.of("the answer's status is " + status);
        return new CallResult(OptionalInt.of(status), durationMillis, bodyStart, failure);
    }

    static CallResult failed(String reason, long durationMillis) {
        return new CallResult(OptionalInt.empty(), durationMillis, "", Optional.of(reason));
    }
}
