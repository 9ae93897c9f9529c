package org.paasmaker.api.error;

import java.util.List;
import java.util.Objects;

/**
 * The one exception family of Paasmaker. Its message is written for the user: it says what failed,
 * with which value, and what to do. {@link #errors()} lists the individual problems where an input
 * had several (a manifest, a request body).
 */
public class PaasmakerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<FieldError> errors;

    public PaasmakerException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public PaasmakerException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public PaasmakerException(ErrorCode code, String message, List<FieldError> errors, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
