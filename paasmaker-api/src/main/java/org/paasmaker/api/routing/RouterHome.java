package org.paasmaker.api.routing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * A router's home directory, as the router and the engine that launches it both see it: the last
 * accepted routing table, the control channel's port and its secret (owner-only), the access log
 * and the router's own output. Each file is replaced by writing a temporary file and renaming it
 * over the old one, so a reader never sees half of one.
 */
public final class RouterHome {

    public static final String TABLE = "table.json";
    public static final String CONTROL_PORT = "control.port";
    public static final String SECRET = "control.secret";
    public static final String ACCESS_LOG = "access.log";
    public static final String LOG = "router.log";

    private final Path directory;

    public RouterHome(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    public Optional<Integer> controlPort() {
        return read(CONTROL_PORT).map(bytes -> Integer.parseInt(new String(bytes, StandardCharsets.US_ASCII).strip()));
    }

    public void saveControlPort(int port) {
        replace(CONTROL_PORT, Integer.toString(port).getBytes(StandardCharsets.US_ASCII), false);
    }

    public void forgetControlPort() {
        try {
            Files.deleteIfExists(file(CONTROL_PORT));
        } catch (IOException e) {
            throw failure("delete", CONTROL_PORT, e);
        }
    }

    /**
     * The control channel's secret, made on first use: 32 random bytes in hex, in a file only its
     * owner can read. The router and the engine both call this; whoever comes first makes it.
     */
    public String secret() {
        Path file = file(SECRET);
        try {
            Files.createDirectories(directory);
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path temporary = Files.createTempFile(directory, SECRET, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(temporary, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
                    // link(2) never replaces: whoever links first wins, and nobody sees a half-written secret.
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException e) {
                    // Made by the other side meanwhile.
                } finally {
                    Files.delete(temporary);
                }
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.isEmpty()) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "the router's secret " + file
                        + " is empty; stop the router, delete the file, and start it again");
            }
            return secret;
        } catch (IOException e) {
            throw failure("make or read", SECRET, e);
        }
    }

    /** The file's bytes; empty when there is no such file. */
    public Optional<byte[]> read(String name) {
        try {
            return Optional.of(Files.readAllBytes(file(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", name, e);
        }
    }

    /**
     * Replaces the file atomically; {@code force} puts it on disk before it replaces the old one. The
     * file is its owner's alone (0600): the table holds the private keys of the certificates served.
     */
    public void replace(String name, byte[] content, boolean force) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, name, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                if (force) {
                    channel.force(true);
                }
            }
            Files.move(temporary, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw failure("write", name, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The failure above is what the caller hears about.
                }
            }
        }
    }

    PaasmakerException failure(String verb, String name, IOException e) {
        return new PaasmakerException(ErrorCode.INTERNAL, "cannot " + verb + " the router's " + file(name) + ": "
                + e.getMessage() + "; check the state directory's permissions and free space", e);
    }
}
