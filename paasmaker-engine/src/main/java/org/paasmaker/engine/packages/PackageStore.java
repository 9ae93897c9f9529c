package org.paasmaker.engine.packages;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Packed, prepared code on this machine's disk, each package under its SHA-256. A package is written
 * to a temporary file and moved into place whole, so a reader never sees half of one.
 */
public final class PackageStore {

    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{64}");
    private static final String SUFFIX = ".tar.gz";

    private final Path directory;

    public PackageStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot create the package directory " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    /** What writes a package's bytes. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Stores what the writer writes, and returns its checksum. */
    public String store(Writer writer) {
        return store(writer, null);
    }

    /**
     * Stores what the writer writes as the package {@code expected}, such as one fetched from another
     * machine: bytes whose checksum differs are refused with an error naming both checksums, and
     * nothing of them is kept.
     */
    public void storeAs(String expected, Writer writer) {
        path(expected);
        store(writer, expected);
    }

    private String store(Writer writer, String expected) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "incoming-", ".part");
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16), digest)) {
                writer.write(out);
            }
            String checksum = HexFormat.of().formatHex(digest.digest());
            if (expected != null && !expected.equals(checksum)) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the package " + expected
                        + " arrived with the checksum " + checksum + "; it was refused");
            }
            Path target = path(checksum);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return checksum;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot store a package in " + directory + ": "
                    + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Only a failed store leaves it; the failure is what the caller hears about.
                }
            }
        }
    }

    public boolean contains(String checksum) {
        return Files.isRegularFile(path(checksum));
    }

    /** Where the package lies; a {@code NOT_FOUND} error if it is not stored here. */
    public Path locate(String checksum) {
        Path path = path(checksum);
        if (!Files.isRegularFile(path)) {
            throw new NotFoundException("package", checksum);
        }
        return path;
    }

    public InputStream open(String checksum) {
        try {
            return Files.newInputStream(locate(checksum));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read package " + checksum + ": " + e.getMessage(), e);
        }
    }

    public void delete(String checksum) {
        try {
            Files.deleteIfExists(path(checksum));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot delete package " + checksum + ": " + e.getMessage(), e);
        }
    }

    private Path path(String checksum) {
        if (!CHECKSUM.matcher(checksum).matches()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + checksum + "' is not a package checksum");
        }
        return directory.resolve(checksum + SUFFIX);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
