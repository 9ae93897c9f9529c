package org.paasmaker.engine.process;

import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * How much output an instance keeps: its live log file grows to {@code maxBytes}, then becomes a
 * rotated copy, and the {@code kept} newest copies are kept. So an instance holds at most about
 * {@code maxBytes * (kept + 1)} of output, however fast it writes.
 */
public record LogLimit(long maxBytes, int kept) {

    /** 10 MiB a file, 3 copies: at most 40 MiB per instance. */
    public static final LogLimit DEFAULT = new LogLimit(10L * 1024 * 1024, 3);
    public static final String MAX_BYTES_VARIABLE = "PAASMAKER_INSTANCE_LOG_BYTES";
    public static final String KEPT_VARIABLE = "PAASMAKER_INSTANCE_LOGS_KEPT";
    /** svlogd rotates no smaller file than this. */
    static final long MIN_BYTES = 4096;

    public LogLimit {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("an instance's log file holds at least " + MIN_BYTES + " bytes: " + maxBytes);
        }
        if (kept < 1 || kept > 1000) {
            throw new IllegalArgumentException("an instance keeps 1 to 1000 rotated log files: " + kept);
        }
    }

    /**
     * The limit the environment sets with {@value #MAX_BYTES_VARIABLE} and {@value #KEPT_VARIABLE},
     * each defaulting to {@link #DEFAULT}'s.
     */
    public static LogLimit from(Map<String, String> environment) {
        String bytes = environment.get(MAX_BYTES_VARIABLE);
        String kept = environment.get(KEPT_VARIABLE);
        try {
            return new LogLimit(bytes == null ? DEFAULT.maxBytes : Long.parseLong(bytes.strip()),
                    kept == null ? DEFAULT.kept : Integer.parseInt(kept.strip()));
        } catch (IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, MAX_BYTES_VARIABLE + "='" + bytes + "' and "
                    + KEPT_VARIABLE + "='" + kept + "' do not make an instance log limit: " + e.getMessage()
                    + "; give a number of bytes (at least " + MIN_BYTES + ") and a number of files (1 to 1000)", e);
        }
    }
}
