package org.paasmaker.engine.job;

import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The most a job's log holds on disk, however much its step writes: its beginning, a line saying how
 * much was left out, and its newest output ({@link JobLog} says how).
 */
public record JobLogLimit(long maxBytes) {

    /** 10 MiB: a prepare's whole output, as a rule, and the newest part of a chatty one's. */
    public static final JobLogLimit DEFAULT = new JobLogLimit(10L * 1024 * 1024);
    public static final String MAX_BYTES_VARIABLE = "PAASMAKER_JOB_LOG_BYTES";
    /** Room for a beginning, the marker line and an end of some use. */
    static final long MIN_BYTES = 16 * 1024;

    public JobLogLimit {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("a job's log holds at least " + MIN_BYTES + " bytes: " + maxBytes);
        }
    }

    /** The limit {@value #MAX_BYTES_VARIABLE} sets in the environment, else {@link #DEFAULT}. */
    public static JobLogLimit from(Map<String, String> environment) {
        String bytes = environment.get(MAX_BYTES_VARIABLE);
        if (bytes == null) {
            return DEFAULT;
        }
        try {
            return new JobLogLimit(Long.parseLong(bytes.strip()));
        } catch (IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, MAX_BYTES_VARIABLE + "='" + bytes
                    + "' is not a job log limit: " + e.getMessage() + "; give a number of bytes, at least " + MIN_BYTES, e);
        }
    }
}
