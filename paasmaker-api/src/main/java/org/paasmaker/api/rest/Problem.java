package org.paasmaker.api.rest;

import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;

/**
 * An error answer, {@code application/problem+json} (RFC 9457). {@code type} is the stable
 * {@link ErrorCode} wire name that clients branch on, or {@code about:blank} where the HTTP status
 * says all (405, 415); {@code errors} lists each field or manifest problem.
 */
public record Problem(String type, String title, int status, String detail, List<Problem.Item> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One problem with one part of the input; {@code line} is 0 where the input has no lines. */
    public record Item(String path, String message, int line) {

        public static Item of(FieldError error) {
            return new Item(error.path(), error.message(), error.line());
        }

        public FieldError toFieldError() {
            return new FieldError(path == null ? "" : path, message == null ? "" : message, Math.max(0, line));
        }
    }

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return new Problem(code.wireName(), title(code), code.httpStatus(), detail,
                errors.stream().map(Item::of).toList());
    }

    /** A problem that only the HTTP status describes. */
    public static Problem ofStatus(int status, String reason, String detail) {
        return new Problem("about:blank", reason, status, detail, List.of());
    }

    /** "invalid-manifest" reads as "Invalid manifest". */
    private static String title(ErrorCode code) {
        String words = code.wireName().replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
