package org.paasmaker.client.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * What {@code paasmaker login} saved: the server, its token and a default workspace, in
 * {@code <config directory>/profile} as {@code key=value} lines. The file is readable by its owner
 * only (0600, in a 0700 directory), since the token opens the whole API.
 */
record Profile(Optional<String> server, Optional<String> token, Optional<String> workspace) {

    static final String FILE_NAME = "profile";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    static final Profile NONE = new Profile(Optional.empty(), Optional.empty(), Optional.empty());

    /** The profile in the directory; {@link #NONE} when there is none. */
    static Profile load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException | IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "cannot read the profile '" + file + "': "
                    + e.getMessage() + "; log in again with 'paasmaker login', or delete the file", e);
        }
        return new Profile(value(properties, "server"), value(properties, "token"), value(properties, "workspace"));
    }

    /** Writes the profile into the directory, replacing the earlier one at once; the file it wrote. */
    Path save(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        StringBuilder text = new StringBuilder("# Written by 'paasmaker login'; 'paasmaker logout' deletes it.\n");
        server.ifPresent(value -> text.append("server=").append(escape(value)).append('\n'));
        token.ifPresent(value -> text.append("token=").append(escape(value)).append('\n'));
        workspace.ifPresent(value -> text.append("workspace=").append(escape(value)).append('\n'));
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
            } else {
                Files.createDirectories(directory);
            }
            Path temporary = posix
                    ? Files.createTempFile(directory, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : Files.createTempFile(directory, FILE_NAME, ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the profile '" + file + "'", e);
        }
    }

    /** Deletes the profile in the directory; whether there was one. */
    static boolean delete(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the profile '" + file + "'", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<String> value(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** A value as {@link Properties#load} reads it back unchanged. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
