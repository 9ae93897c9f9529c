package org.paasmaker.engine.cron;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.process.RotatingLog;

/**
 * The crons' logs, one file per cron ({@code <key>.log}, with '/' read as '~'), one JSON line per
 * entry. A file larger than {@link #MAX_BYTES} moves to {@code <key>.log.1}, replacing the older
 * copy, so a cron keeps between one and two of these sizes of history.
 */
final class CronLog {

    static final long MAX_BYTES = 1 << 20;

    private final Path directory;

    CronLog(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    // Calls end on HTTP threads while the check thread logs misses: one writer at a time keeps lines whole.
    synchronized void append(CronLogEntry entry) {
        Path file = file(entry.job().key());
        try {
            Files.createDirectories(directory);
            Files.write(file, (entry.toJson() + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write the cron log " + file + ": " + e.getMessage(), e);
        }
        new RotatingLog(file).rotateIfLarger(MAX_BYTES, 1);
    }

    /** The last lines of the key's log, oldest first; none for a cron that never logged. */
    List<String> tail(String key, int lastLines) {
        String text = new RotatingLog(file(key)).tail(lastLines);
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    private Path file(String key) {
        return directory.resolve(CronJob.fileName(key) + ".log");
    }
}
