package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** Files an export or import needs for a moment (an option file with a password, a dump): the platform's user's alone (0600). */
public final class Temporary {

    private Temporary() {
    }

    public static Path file(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot make a temporary file in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    /** A new private file holding {@code content}: a client's option file. */
    public static Path secret(String prefix, String content) {
        Path file = file(prefix, ".cnf");
        try {
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            delete(file);
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // In the temporary folder, readable by the platform's user alone; the system's clean-up takes it.
        }
    }
}
