package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.process.DetachedLauncher;
import org.paasmaker.engine.process.LaunchSpec;
import org.paasmaker.engine.process.LaunchedProcess;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * What the platform's own database servers (PostgreSQL, MariaDB) share: one server in a directory of
 * its own, holding its {@code port} (fixed when the directory is made, since applications' credentials
 * name it) and {@code process/} (its record, by pid and start time, as instances have).
 *
 * <p>The server starts when a service first needs it ({@link #ensureRunning()}), detached like an
 * instance (its own session, output appended to its log), as its system user when the platform is root;
 * it outlives the engine, and the next engine adopts it from its record instead of starting another;
 * {@link #maintain()} starts it again if it died. A start that fails stops what it started and, the
 * first time, deletes what it made; the error quotes the server's own log lines. A subclass says how to
 * make the data directory, write the settings, run the server and reach it as its admin.
 */
public abstract class ManagedServer {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    protected final ServerKind kind;
    protected final Consumer<String> warnings;
    protected final RunAs runAs;
    protected final Path directory;
    private final String recordKey;
    private final Duration startTimeout;
    private final ProcessRecords records;
    private final DetachedLauncher launcher = new DetachedLauncher();
    private final ProcessGroupKiller killer = new ProcessGroupKiller();
    // Guarded by this.
    private ProcessRecord record;
    private Instant nextAttempt = Instant.MIN;

    protected ManagedServer(ServerKind kind, String recordKey, Path directory, String systemUser, Duration startTimeout,
            Consumer<String> warnings) {
        this.kind = kind;
        this.recordKey = recordKey;
        this.directory = directory;
        this.startTimeout = startTimeout;
        this.warnings = warnings;
        this.runAs = RunAs.forServer(systemUser, kind);
        this.records = new ProcessRecords(directory.resolve("process"), warnings);
    }

    /** Whether the directory holds a server the platform finished making. */
    protected abstract boolean isInitialised();

    /** Makes the directory and the server's data, the first time; the port file among them. */
    protected abstract void initialise();

    /** What {@link #initialise()} made, deleted when the first start fails in a directory that existed. */
    protected abstract List<String> madeByInitialise();

    /** Writes the server's settings before a start. */
    protected abstract void writeConfiguration() throws IOException;

    /** The server's command, without the words that run it as its user. */
    protected abstract List<String> command();

    /** The server's working directory, where its processes (and those of a dead one) work. */
    protected abstract Path dataDirectory();

    /** The server's log: its output. */
    public abstract Path logFile();

    /** The signal of the server's fast, clean shutdown: {@code -INT} for PostgreSQL, {@code -TERM} for MariaDB. */
    protected abstract String stopSignal();

    /**
     * Tries the platform's admin connection: true when it is accepted, false while the server is not
     * ready yet; an SQLException when it refuses the platform for good.
     */
    protected abstract boolean acceptsAdmin() throws SQLException;

    /** Work after a start, such as closing what the first start leaves open. */
    protected void afterStart(boolean first) {
    }

    /** Closes the admin connection (before a start, and when stopping). */
    protected abstract void closeAdmin();

    /** Closes the admin connection if it has been idle long enough to be worth its memory; on each upkeep round. */
    protected void closeIdleAdmin() {
    }

    /** Takes over the server an earlier engine started, when it still runs; starts nothing. Call from the constructor. */
    protected final synchronized void adopt(int configuredPort) {
        if (Files.isDirectory(directory.resolve("process"))) {
            records.find(recordKey).filter(found -> found.identity().isAlive()).ifPresent(found -> record = found);
        }
        if (record == null && isInitialised()) {
            int kept = port();
            if (configuredPort != 0 && configuredPort != kept) {
                warnings.accept("The managed " + kind.label() + " server keeps port " + kept + ", which its"
                        + " applications' credentials name; the setting port=" + configuredPort + " applies to a new"
                        + " data directory.");
            }
        }
    }

    public synchronized int port() {
        try {
            return Integer.parseInt(Files.readString(directory.resolve("port")).strip());
        } catch (IOException | NumberFormatException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the managed " + kind.label()
                    + " server's port from " + directory.resolve("port") + ": " + e.getMessage(), e);
        }
    }

    /** The server's process, while it runs. */
    public synchronized Optional<ProcessIdentity> process() {
        return Optional.ofNullable(record).map(ProcessRecord::identity).filter(ProcessIdentity::isAlive);
    }

    public Path directory() {
        return directory;
    }

    /**
     * Starts the server again if it died (or an earlier engine's did), once it has ever been made; and
     * closes an idle admin connection.
     */
    public synchronized void maintain() {
        closeIdleAdmin();
        if (!isInitialised() || process().isPresent() || Instant.now().isBefore(nextAttempt)) {
            return;
        }
        warnings.accept("The managed " + kind.label() + " server " + (record == null ? "is not running"
                : "(pid " + record.identity().pid() + ") has died") + "; starting it again. Its log " + logFile()
                + " may say why.");
        try {
            ensureRunning();
        } catch (RuntimeException e) {
            nextAttempt = Instant.now().plus(RETRY_AFTER_FAILURE);
            throw e;
        }
    }

    /** Starts the server unless it runs: initialising its directory the first time. */
    public synchronized void ensureRunning() {
        if (process().isPresent()) {
            return;
        }
        closeAdmin();
        record = null;
        Optional<ProcessRecord> found = records.find(recordKey);
        if (found.isPresent() && found.get().identity().isAlive()) {
            record = found.get();
            return;
        }
        boolean newDirectory = !Files.exists(directory);
        boolean fresh = !isInitialised();
        try {
            if (fresh) {
                initialise();
            }
            launch();
            afterStart(fresh);
        } catch (RuntimeException e) {
            if (!fresh && Thread.currentThread().isInterrupted()) {
                // The engine is closing: the server, recorded, is the next engine's to adopt or restart.
                throw e;
            }
            stopQuietly();
            if (newDirectory) {
                ServerFiles.deleteQuietly(directory, e);
            } else if (fresh) {
                for (String made : madeByInitialise()) {
                    ServerFiles.deleteQuietly(directory.resolve(made), e);
                }
                ServerFiles.deleteQuietly(directory.resolve("process"), e);
            }
            throw e;
        }
    }

    /** Stops the server (its fast shutdown, then SIGKILL for what is left) and forgets its record. */
    public synchronized void stop(Duration grace) {
        closeAdmin();
        Optional<ProcessRecord> recorded = record != null ? Optional.of(record) : records.find(recordKey);
        recorded.filter(r -> r.identity().isAlive()).ifPresent(running -> {
            RunAs.run(List.of("/bin/kill", stopSignal(), Long.toString(running.identity().pid())));
            long deadline = System.nanoTime() + grace.toNanos();
            while (running.identity().isAlive() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(POLL.toNanos());
            }
            killer.stop(running.identity(), Duration.ofSeconds(2));
        });
        ServerFiles.awaitNoProcessesIn(dataDirectory(), Duration.ofSeconds(10), kind);
        records.delete(recordKey);
        record = null;
    }

    private void launch() {
        try {
            writeConfiguration();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot write the managed " + kind.label()
                    + " server's settings in " + directory + ": " + e.getMessage(), e);
        }
        // Processes of a server that died may outlive it for a moment, and hold its files or memory.
        ServerFiles.awaitNoProcessesIn(dataDirectory(), Duration.ofSeconds(10), kind);
        Path log = logFile();
        long logStart = ServerFiles.size(log);
        List<String> command = new ArrayList<>(runAs.prefix());
        command.addAll(command());
        LaunchedProcess launched = launcher.launch(new LaunchSpec(command, directory,
                Map.of("PATH", "/usr/sbin:/usr/bin:/bin", "LANG", "C"), log));
        ProcessRecord started = new ProcessRecord(recordKey, launched.identity(), port(), directory, log, Instant.now());
        // Recorded before the wait: an engine that dies meanwhile leaves a server the next one adopts.
        records.save(started);
        record = started;
        awaitReady(launched.identity(), log, logStart);
    }

    private void awaitReady(ProcessIdentity identity, Path log, long logStart) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        int port = port();
        while (true) {
            if (!identity.isAlive()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the managed " + kind.label() + " server (pid "
                        + identity.pid() + ") exited before it accepted connections on 127.0.0.1:" + port
                        + "; its log " + log + " says:\n" + ServerFiles.logSince(log, logStart));
            }
            try {
                if (acceptsAdmin()) {
                    return;
                }
            } catch (SQLException e) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the managed " + kind.label() + " server (pid "
                        + identity.pid() + ") refuses the platform's admin connection: " + e.getMessage()
                        + "; its log " + log + " says:\n" + ServerFiles.logSince(log, logStart), e);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the managed " + kind.label() + " server (pid "
                        + identity.pid() + ") did not accept connections on 127.0.0.1:" + port + " within "
                        + startTimeout.toSeconds() + " s (start_timeout); its log " + log + " says:\n"
                        + ServerFiles.logSince(log, logStart));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private void stopQuietly() {
        try {
            stop(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            warnings.accept("Could not stop the managed " + kind.label() + " server that failed to start: "
                    + e.getMessage());
        }
    }
}
