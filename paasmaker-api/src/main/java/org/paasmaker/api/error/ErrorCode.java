package org.paasmaker.api.error;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stable codes of every failure Paasmaker reports. The code's wire name, its HTTP status and the
 * command line's exit code never change meaning once published: clients branch on them.
 */
public enum ErrorCode {
    INVALID_MANIFEST("invalid-manifest", 400, 2),
    INVALID_REQUEST("invalid-request", 400, 2),
    PLUGIN_NOT_ENABLED("plugin-not-enabled", 400, 2),
    ARCHIVE_REJECTED("archive-rejected", 400, 2),
    SOURCE_FAILED("source-failed", 400, 3),
    PREPARE_FAILED("prepare-failed", 400, 3),
    /** An instance did not come up: it exited, or did not listen in time. */
    START_FAILED("start-failed", 409, 3),
    NOT_FOUND("not-found", 404, 4),
    CONFLICT("conflict", 409, 5),
    TOO_LARGE("too-large", 413, 2),
    ABORTED("aborted", 409, 5),
    UNAUTHORIZED("unauthorized", 401, 6),
    /** Too many failed sign-ins for the account or the address; the answer says when to try again. */
    TOO_MANY_ATTEMPTS("too-many-attempts", 429, 6),
    /** The caller is known but lacks the permission, which the message names. */
    FORBIDDEN("forbidden", 403, 6),
    /** The server could not be reached, or answered with something that is not Paasmaker's API. */
    UNAVAILABLE("unavailable", 503, 7),
    /** The platform's disk has too little room left for what was asked (a prepare, say). */
    DISK_FULL("disk-full", 507, 8),
    INTERNAL("internal", 500, 1);

    private final String wireName;
    private final int httpStatus;
    private final int exitCode;

    ErrorCode(String wireName, int httpStatus, int exitCode) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
        this.exitCode = exitCode;
    }

    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The code a problem's {@code type} names; empty for {@code about:blank} and for codes this version does not know. */
    public static Optional<ErrorCode> fromWire(String wireName) {
        return Arrays.stream(values()).filter(code -> code.wireName.equals(wireName)).findFirst();
    }
}
