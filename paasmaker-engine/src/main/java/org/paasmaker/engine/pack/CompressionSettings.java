package org.paasmaker.engine.pack;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * How hard and on how many threads a package is compressed.
 *
 * @param level the deflate level, 0 (stored) to 9 (smallest); gzip's default is 6
 * @param threads how many blocks are compressed at once
 */
record CompressionSettings(int level, int threads) {

    static final int GZIP_DEFAULT_LEVEL = 6;

    CompressionSettings {
        if (level < 0 || level > 9) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the compression level " + level
                    + " is not between 0 and 9; use 1 for the fastest, 9 for the smallest, or 6 as gzip does");
        }
        if (threads < 1) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the compression thread count " + threads
                    + " is less than 1; use at least 1, or leave it out to use every processor");
        }
    }

    /** gzip's level on every processor. */
    static CompressionSettings defaults() {
        return new CompressionSettings(GZIP_DEFAULT_LEVEL, Runtime.getRuntime().availableProcessors());
    }
}
