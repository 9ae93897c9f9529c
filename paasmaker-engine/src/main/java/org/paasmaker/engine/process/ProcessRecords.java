package org.paasmaker.engine.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The detached processes this engine started, one small JSON file per process in one directory,
 * so that the next engine finds them: {@link #adoptable()} still run, {@link #dead()} ended while
 * no engine watched. A record is written to a temporary file and moved into place, so a reader
 * never sees half of one. Files are not forced to disk: after a machine crash every record's boot
 * id is stale, so every record is dead anyway, and a torn file is skipped like any unreadable one.
 */
public final class ProcessRecords {

    private static final String SUFFIX = ".json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final Consumer<String> warnings;

    /**
     * @param warnings hears, in words for an operator, about each record file that could not be read
     *        (the engine's log, typically); such files are skipped, never deleted
     */
    public ProcessRecords(Path directory, Consumer<String> warnings) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** Writes the record, replacing the one with the same key. */
    public void save(ProcessRecord record) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, record.key() + "-", ".tmp");
            JSON.writeValue(temporary.toFile(), Stored.of(record));
            Files.move(temporary, file(record.key()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot save the process record of '" + record.key()
                    + "' (pid " + record.identity().pid() + ") in " + directory + ": " + e.getMessage(), e);
        } finally {
            deleteLeftover(temporary);
        }
    }

    /** Every readable record, by key; each unreadable file is reported to the warnings and skipped. */
    public List<ProcessRecord> load() {
        List<ProcessRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(records::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL,
                    "cannot list the process records in " + directory + ": " + e.getMessage(), e);
        }
        records.sort(Comparator.comparing(ProcessRecord::key));
        return records;
    }

    /** The record of this key; empty when there is none (or it cannot be read, which the warnings hear). */
    public Optional<ProcessRecord> find(String key) {
        return read(file(key));
    }

    /** The records whose process still runs: the very process recorded, not another with its pid. */
    public List<ProcessRecord> adoptable() {
        return load().stream().filter(record -> record.identity().isAlive()).toList();
    }

    /** The records whose process has ended (or whose machine rebooted since). */
    public List<ProcessRecord> dead() {
        return load().stream().filter(record -> !record.identity().isAlive()).toList();
    }

    /** Forgets a record; forgetting one that does not exist is fine. */
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot delete the process record of '" + key + "' in "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    private Path file(String key) {
        return directory.resolve(ProcessRecord.checkKey(key) + SUFFIX);
    }

    private Optional<ProcessRecord> read(Path file) {
        String problem;
        try {
            Stored stored = JSON.readValue(Files.readAllBytes(file), Stored.class);
            ProcessRecord record = stored.toRecord();
            if (file.getFileName().toString().equals(record.key() + SUFFIX)) {
                return Optional.of(record);
            }
            problem = "it holds the record of '" + record.key() + "', which belongs in " + file(record.key());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | NullPointerException | DateTimeException e) {
            problem = e.getMessage();
        }
        warnings.accept("Skipped the process record " + file + ": " + problem + ". Check whether a process it"
                + " names still runs, stop that by hand, then delete the file.");
        return Optional.empty();
    }

    private static void deleteLeftover(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Only a failed save leaves it, and load() never reads it; the failure is what the caller hears about.
            }
        }
    }

    /** The file's shape: plain values only, so the format is ours and not whatever a library makes of a Path. */
    private record Stored(int format, String key, long pid, long startTicks, String bootId, int port,
            String directory, String logFile, String startedAt) {

        static Stored of(ProcessRecord record) {
            ProcessIdentity identity = record.identity();
            return new Stored(FORMAT, record.key(), identity.pid(), identity.startTicks(), identity.bootId(),
                    record.port(), record.directory().toString(), record.logFile().toString(),
                    record.startedAt().toString());
        }

        ProcessRecord toRecord() {
            if (format != FORMAT) {
                throw new IllegalArgumentException("its format is " + format + ", this engine reads format " + FORMAT);
            }
            return new ProcessRecord(key, new ProcessIdentity(pid, startTicks, bootId), port,
                    Path.of(Objects.requireNonNull(directory, "directory is missing")),
                    Path.of(Objects.requireNonNull(logFile, "logFile is missing")),
                    Instant.parse(Objects.requireNonNull(startedAt, "startedAt is missing")));
        }
    }
}
