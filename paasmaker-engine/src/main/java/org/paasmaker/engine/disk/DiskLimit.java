package org.paasmaker.engine.disk;

import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The free space the platform keeps: under {@code lowBytes} its health warns, and a prepare that would
 * leave less is refused before it starts.
 */
public record DiskLimit(long lowBytes) {

    /** 1 GiB: a fixed floor rather than a share of the disk, since what fills it (a prepare) does not scale with the disk. */
    public static final DiskLimit DEFAULT = new DiskLimit(1L << 30);
    public static final String VARIABLE = "PAASMAKER_DISK_LOW_BYTES";

    public DiskLimit {
        if (lowBytes < 0) {
            throw new IllegalArgumentException("the free space kept cannot be negative: " + lowBytes);
        }
    }

    /** The limit {@value #VARIABLE} sets, else {@link #DEFAULT}. */
    public static DiskLimit from(Map<String, String> environment) {
        String text = environment.get(VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        try {
            return new DiskLimit(Long.parseLong(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, VARIABLE + " is '" + text
                    + "'; give the free space to keep as a number of bytes (0 or more), such as 1073741824", e);
        }
    }
}
