package org.paasmaker.api.routing;

import java.util.List;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * How much of its access log a router keeps: {@code access.log} grows to {@code maxBytes}, then is
 * renamed {@code access.log.1} (the one before becomes {@code .2}, ...), and the {@code kept} newest
 * renamed files are kept; so at most about {@code maxBytes * (kept + 1)}, however many requests come.
 */
public record AccessLogLimit(long maxBytes, int kept) {

    /** 10 MiB a file, 3 renamed files: at most 40 MiB. */
    public static final AccessLogLimit DEFAULT = new AccessLogLimit(10L * 1024 * 1024, 3);
    public static final String MAX_BYTES_VARIABLE = "PAASMAKER_ROUTER_ACCESS_LOG_BYTES";
    public static final String KEPT_VARIABLE = "PAASMAKER_ROUTER_ACCESS_LOGS_KEPT";
    public static final long MIN_BYTES = 4096;

    public AccessLogLimit {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("the router's access log file holds at least " + MIN_BYTES + " bytes: "
                    + maxBytes);
        }
        if (kept < 1 || kept > 1000) {
            throw new IllegalArgumentException("the router keeps 1 to 1000 renamed access log files: " + kept);
        }
    }

    /** The limit {@value #MAX_BYTES_VARIABLE} and {@value #KEPT_VARIABLE} set, each defaulting to {@link #DEFAULT}'s. */
    public static AccessLogLimit from(Map<String, String> environment) {
        String bytes = environment.get(MAX_BYTES_VARIABLE);
        String kept = environment.get(KEPT_VARIABLE);
        try {
            return new AccessLogLimit(bytes == null ? DEFAULT.maxBytes : Long.parseLong(bytes.strip()),
                    kept == null ? DEFAULT.kept : Integer.parseInt(kept.strip()));
        } catch (IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, MAX_BYTES_VARIABLE + "='" + bytes + "' and "
                    + KEPT_VARIABLE + "='" + kept + "' do not make an access log limit: " + e.getMessage()
                    + "; give a number of bytes (at least " + MIN_BYTES + ") and a number of files (1 to 1000)", e);
        }
    }

    /** The router's options that give a router process this limit. */
    public List<String> arguments() {
        return List.of("--access-log-bytes=" + maxBytes, "--access-logs-kept=" + kept);
    }
}
