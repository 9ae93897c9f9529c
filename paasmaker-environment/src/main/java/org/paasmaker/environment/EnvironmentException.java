package org.paasmaker.environment;

/**
 * The one error of this module: a missing or malformed {@code PM_*} variable or fallback file, an
 * unknown service, or a value of the wrong kind. The message names the variable or file, the
 * position or key, and what was expected; it never quotes a service's text, which holds passwords.
 */
public class EnvironmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
