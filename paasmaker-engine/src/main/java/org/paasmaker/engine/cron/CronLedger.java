package org.paasmaker.engine.cron;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.store.CronLedgerRepository;

/**
 * The last slot handled per cron (run, skipped or missed), one small file per cron holding an
 * instant. A record is written to a temporary file, forced to disk and moved into place before the
 * slot's call starts, so neither a crash of the engine nor one of the machine during the call lets
 * the next engine run the slot again. Reads are cached: only this ledger writes these files.
 */
final class CronLedger implements CronLedgerRepository {

    private static final String SUFFIX = ".ledger";

    private final Path directory;
    private final Map<String, Instant> cache = new ConcurrentHashMap<>();

    CronLedger(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public Optional<Instant> lastHandled(String key) {
        Instant cached = cache.get(key);
        return cached != null ? Optional.of(cached) : read(key);
    }

    /** Only this engine writes the files: comparing with its own reads is enough. */
    @Override
    public synchronized boolean advance(String key, Optional<Instant> expected, Instant slot) {
        if (!lastHandled(key).equals(expected)) {
            return false;
        }
        record(key, slot);
        return true;
    }

    private void record(String key, Instant slot) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, CronJob.fileName(key) + "-", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((slot + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temporary, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            cache.put(key, slot);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot record slot " + slot + " of the cron '" + key
                    + "' in " + directory + ": " + e.getMessage() + "; the slot was not run", e);
        } finally {
            deleteLeftover(temporary);
        }
    }

    private Optional<Instant> read(String key) {
        Path file = file(key);
        try {
            Instant slot = Instant.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
            cache.put(key, slot);
            return Optional.of(slot);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | DateTimeException e) {
            // Guessing would risk running a slot twice or dropping slots silently; the operator decides.
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the cron ledger " + file + ": "
                    + e.getMessage() + "; the cron does not run until it is fixed: write the last slot that ran,"
                    + " such as 2025-06-02T12:05:00Z, or delete the file to start afresh from now", e);
        }
    }

    private void forceDirectory() throws IOException {
        // The move is durable only once the directory entry is on disk as well.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private Path file(String key) {
        return directory.resolve(CronJob.fileName(key) + SUFFIX);
    }

    private static void deleteLeftover(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Only a failed record leaves one, and nothing reads it; the failure is what the caller hears about.
            }
        }
    }
}
