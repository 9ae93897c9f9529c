package org.paasmaker.client;

import java.util.OptionalLong;

/**
 * Told how an upload goes, on the thread that sends it, as each block is handed to the connection:
 * the bytes sent so far, and the upload's total size when it is known beforehand (an archive file;
 * not a directory, which is packed as it is sent). Keep it quick, and let it not throw: what it throws
 * is ignored.
 */
@FunctionalInterface
public interface UploadListener {

    /** Tells nothing. */
    UploadListener NONE = (sent, total) -> { };

    void progress(long bytesSent, OptionalLong totalBytes);
}
