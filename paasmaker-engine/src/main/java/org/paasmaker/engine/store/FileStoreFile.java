package org.paasmaker.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The store's file, claimed by one engine at a time through an OS lock on {@code <file>.lock}, since
 * two engines writing it would each lose the other's changes. A write goes to {@code <file>.tmp},
 * is forced to disk and renamed over the file, so a crash at any moment leaves the old content or the
 * new, whole; a stray temporary file is simply overwritten by the next write. Before each replace the
 * old content is copied to {@code <file>.bak}, for when the file itself is damaged.
 */
final class FileStoreFile implements AutoCloseable {

    private final Path file;
    private final Path directory;
    private final Path temporary;
    private final Path backup;
    private final Path backupTemporary;
    private final FileChannel lockChannel;

    private FileStoreFile(Path file, FileChannel lockChannel) {
        this.file = file;
        this.directory = file.getParent();
        this.temporary = sibling(".tmp");
        this.backup = sibling(".bak");
        this.backupTemporary = sibling(".bak.tmp");
        this.lockChannel = lockChannel;
    }

    /** The file at {@code path}, claimed for this store; a {@code CONFLICT} error when another holds it. */
    static FileStoreFile claim(Path path) {
        Path file = path.toAbsolutePath().normalize();
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(file, lockFile);
            }
            return new FileStoreFile(file, channel);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(file, lockFile);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot open the store file " + file + ": " + e.getMessage()
                    + "; check that its directory exists and is writable by the engine", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path path() {
        return file;
    }

    Path backup() {
        return backup;
    }

    /** The file's content; empty when there is no file yet. */
    Optional<byte[]> read() {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the store file " + file + ": "
                    + e.getMessage() + "; check that the engine may read it", e);
        }
    }

    /** Replaces the content, durably, keeping the previous content as the backup. */
    void write(byte[] content) {
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            keepBackup();
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // The rename itself is only durable once the directory is.
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write the store file " + file + ": "
                    + e.getMessage() + "; the change was not made. Check that " + directory
                    + " is writable and has room", e);
        }
    }

    /**
     * Copies the current file to the backup through a rename, so the backup is never half a file either.
     * It is not forced to disk: it only matters when the file is damaged, and the file is forced.
     */
    private void keepBackup() throws IOException {
        if (Files.exists(file)) {
            Files.copy(file, backupTemporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(backupTemporary, backup, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Releases the claim; the files stay. */
    @Override
    public void close() {
        closeQuietly(lockChannel);
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static PaasmakerException inUse(Path file, Path lockFile) {
        return new PaasmakerException(ErrorCode.CONFLICT, "the store file " + file + " is in use by another engine"
                + " (it holds a lock on " + lockFile + "); stop that engine, or give this one another store file");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing releases the lock; a channel that fails to close is released when the process ends.
            }
        }
    }
}
