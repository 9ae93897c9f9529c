package org.paasmaker.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.Problem;

/**
 * Every failure of the SDK: the server's problem+json answer, or no usable answer at all. {@link #code()}
 * is the problem's code ({@link ErrorCode#UNAVAILABLE} when the server could not be reached or did not
 * answer as Paasmaker's API), {@link #status()} the HTTP status (0 when there was no answer),
 * {@link #problem()} the answer as the server wrote it, and {@link #errors()} each field or manifest
 * error with its line. The message is written for the user and lists those errors, one a line.
 */
public class PaasmakerClientException extends PaasmakerException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Problem problem;

    /** A problem the server answered with. */
    public PaasmakerClientException(ErrorCode code, String message, int status, Problem problem) {
        super(code, message, fieldErrors(problem), null);
        this.status = status;
        this.problem = problem;
    }

    /** No answer, or none that is Paasmaker's: {@code status} is the HTTP status if there was one, else 0. */
    public PaasmakerClientException(ErrorCode code, String message, int status, Throwable cause) {
        super(code, message, List.of(), cause);
        this.status = status;
        this.problem = null;
    }

    /** A refusal before anything was sent: a bad argument ({@link ErrorCode#INVALID_REQUEST}). */
    public PaasmakerClientException(ErrorCode code, String message) {
        this(code, message, 0, (Throwable) null);
    }

    /** The HTTP status of the answer; 0 when there was none (the server was not reached, or the SDK refused first). */
    public int status() {
        return status;
    }

    /** The answer's problem+json as the server wrote it; empty when the answer was none or not a problem. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The exception for an error answer that is problem+json. */
    static PaasmakerClientException of(Problem problem, int status, URI server, boolean hadToken) {
        ErrorCode code = ErrorCode.fromWire(problem.type()).orElseGet(() -> codeOf(status));
        String detail = problem.detail() == null || problem.detail().isBlank()
                ? (problem.title() == null ? "the server answered " + status : problem.title() + " (" + status + ")")
                : problem.detail();
        if (code == ErrorCode.UNAUTHORIZED) {
            detail = unauthorized(server, hadToken) + ": " + detail;
        }
        return new PaasmakerClientException(code, withErrors(detail, fieldErrors(problem)), status, problem);
    }

    static String unauthorized(URI server, boolean hadToken) {
        return hadToken
                ? "the server at " + server + " refused the token (check PAASMAKER_TOKEN or --token)"
                : "the server at " + server + " needs a token: give it with PAASMAKER_TOKEN or --token";
    }

    /** The code an error status stands for when the answer does not name one this version knows. */
    static ErrorCode codeOf(int status) {
        return switch (status) {
            case 400, 405, 406, 415, 422 -> ErrorCode.INVALID_REQUEST;
            case 401, 403 -> ErrorCode.UNAUTHORIZED;
            case 404, 410 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.TOO_LARGE;
            case 502, 503, 504 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
        };
    }

    private static List<FieldError> fieldErrors(Problem problem) {
        if (problem == null || problem.errors() == null) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        for (Problem.Item item : problem.errors()) {
            if (item != null) {
                errors.add(item.toFieldError());
            }
        }
        return errors;
    }

    /**
     * The detail's first line and then every error, {@code path (line n): message}, one a line; the
     * detail alone when it is the one error's message.
     */
    private static String withErrors(String detail, List<FieldError> errors) {
        if (errors.isEmpty() || errors.size() == 1 && detail.equals(errors.get(0).message())) {
            return detail;
        }
        int newline = detail.indexOf('\n');
        StringBuilder text = new StringBuilder(newline < 0 ? detail : detail.substring(0, newline).stripTrailing());
        for (FieldError error : errors) {
            text.append(System.lineSeparator()).append("  ").append(describe(error));
        }
        return text.toString();
    }

    private static String describe(FieldError error) {
        String where = error.path().isEmpty() ? "" : error.path();
        if (error.line() > 0) {
            where = where.isEmpty() ? "line " + error.line() : where + " (line " + error.line() + ")";
        }
        return where.isEmpty() ? error.message() : where + ": " + error.message();
    }
}
