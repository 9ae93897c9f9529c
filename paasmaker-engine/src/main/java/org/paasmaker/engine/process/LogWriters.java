package org.paasmaker.engine.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The log writers of {@link CappedLog}s, each a detached process recorded like an instance, so that
 * the next engine adopts it instead of starting another. The process is a shell loop, the leader of
 * its own session, that runs {@code svlogd} on the pipe and runs it again at once when a signal
 * ended it (SIGKILL by the OOM killer, say), or after a second when it ended otherwise: at the end of
 * the pipe (every writer gone, so the instance ended), or failing. The shell costs about half a
 * megabyte, svlogd about one. When the loop itself is gone, {@link #ensureRunning} (from the health
 * round) starts it again; svlogd's lock on its directory keeps two writers from ever writing one log.
 */
public final class LogWriters {

    /** $1 is svlogd's path; the working directory is the log's. */
    static final String LOOP = "while :; do \"$1\" -b 65536 . <" + CappedLog.PIPE + " 2>" + CappedLog.WRITER_ERRORS
            + "; [ $? -gt 128 ] || sleep 1; done";
    /** Where Debian's runit package puts it. */
    public static final Path SVLOGD = Path.of("/usr/bin/svlogd");
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final ProcessRecords records;
    private final Clock clock;
    private final Path svlogd;
    private final DetachedLauncher launcher = new DetachedLauncher();
    private final ProcessGroupKiller killer = new ProcessGroupKiller();

    public LogWriters(ProcessRecords records, Clock clock) {
        this(records, clock, SVLOGD);
    }

    /** @param svlogd where svlogd is; one that is not there makes instances append to a file instead */
    public LogWriters(ProcessRecords records, Clock clock, Path svlogd) {
        this.records = Objects.requireNonNull(records, "records");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.svlogd = Objects.requireNonNull(svlogd, "svlogd");
    }

    /**
     * Whether this machine has svlogd (Debian's runit). Without it instances append their output to a
     * file, rotated by copy-and-truncate, which a fast writer outruns: the platform works, its logs are
     * not bounded.
     */
    public boolean available() {
        return Files.isExecutable(svlogd);
    }

    /**
     * Adopts the writer of {@code log} that runs (recorded under {@code key}), or starts one; returns
     * its identity.
     */
    public synchronized ProcessIdentity ensureRunning(String key, CappedLog log) {
        Optional<ProcessRecord> recorded = records.find(key);
        if (recorded.isPresent() && recorded.get().identity().isAlive()) {
            return recorded.get().identity();
        }
        if (!available()) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write the log in " + log.directory() + ": "
                    + svlogd + " is missing; install Debian's runit package (apt-get install --no-install-recommends runit)");
        }
        // A loop whose shell died may have left its svlogd: end it, or it would hold the lock.
        recorded.ifPresent(dead -> killer.stop(dead.identity(), STOP_GRACE));
        LaunchedProcess writer = launcher.launch(log.writerSpec(svlogd));
        records.save(new ProcessRecord(key, writer.identity(), 0, log.directory(), log.pipe(), clock.instant()));
        return writer.identity();
    }

    /** The writer recorded under {@code key}, alive or not. */
    public Optional<ProcessRecord> find(String key) {
        return records.find(key);
    }

    /** The keys of the writers recorded, running or not. */
    public List<String> keys() {
        return records.load().stream().map(ProcessRecord::key).toList();
    }

    /** Stops the writer recorded under {@code key}, if any, and forgets it. */
    public synchronized void stop(String key) {
        records.find(key).ifPresent(record -> {
            killer.stop(record.identity(), STOP_GRACE);
            records.delete(key);
        });
    }
}
