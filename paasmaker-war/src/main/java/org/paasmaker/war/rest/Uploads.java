package org.paasmaker.war.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Streams an uploaded archive to a file of its own under {@code $PAASMAKER_HOME/uploads}, never
 * holding it in memory, and stops at the size limit (413) instead of filling the disk.
 */
final class Uploads {

    private static final int BUFFER = 64 * 1024;

    private final Path directory;
    private final long maxBytes;

    Uploads(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    /** Refuses at once what announces itself as too big, before reading a byte of it. */
    void checkDeclaredLength(long contentLength) {
        if (contentLength > maxBytes) {
            throw tooLarge();
        }
    }

    Path save(InputStream body, String suffix) {
        Path file;
        try {
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, "upload-", suffix);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot make a file for the upload in " + directory
                    + ": " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
            if (total == 0) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the upload is empty; send the archive as the body");
            }
            return file;
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof PaasmakerException known) {
                throw known;
            }
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the upload did not arrive whole: " + e.getMessage(), e);
        }
    }

    /** The body as it is read, failing with 413 once it passes the limit: for a reader that spools it itself. */
    InputStream limited(InputStream body) {
        return new FilterInputStream(body) {
            private long total;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                count(Math.max(read, 0));
                return read;
            }

            private void count(int read) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge();
                }
            }
        };
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind in uploads/, which holds nothing else; nothing depends on it being gone.
        }
    }

    private PaasmakerException tooLarge() {
        return new PaasmakerException(ErrorCode.TOO_LARGE, "the upload is larger than this server accepts ("
                + maxBytes + " bytes); leave out what the application does not need, or raise PAASMAKER_MAX_UPLOAD_BYTES");
    }
}
