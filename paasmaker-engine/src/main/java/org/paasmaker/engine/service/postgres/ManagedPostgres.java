package org.paasmaker.engine.service.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.paasmaker.engine.service.server.DatabaseNames;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServerFiles;
import org.paasmaker.engine.service.server.ServerKind;

/**
 * The platform's own PostgreSQL server. Its directory ({@code $PAASMAKER_HOME/services/postgres})
 * holds {@code data/} (made by initdb on first use), {@code postgres.log} (the server's output),
 * {@code process/} (its record, by pid and start time, as instances have), {@code port} and
 * {@code admin-password} (the superuser's, readable by the platform alone: 0600, the platform's user).
 *
 * <p>The server starts when a service first needs it, detached like an instance (its own session,
 * output appended to its log), listens on 127.0.0.1 only, and outlives the engine: the next engine
 * adopts it from its record instead of starting another, and {@link #maintain()} starts it again if it
 * died. A start that fails stops what it started and, if it made the directory, deletes it again; the
 * error quotes the server's own log lines.
 */
final class ManagedPostgres implements PostgresServer {

    static final String RECORD_KEY = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private final PostgresSettings settings;
    private final Consumer<String> warnings;
    private final RunAs runAs;
    private final Path directory;
    private final ProcessRecords records;
    private final DetachedLauncher launcher = new DetachedLauncher();
    private final ProcessGroupKiller killer = new ProcessGroupKiller();
    // Guarded by this.
    private ProcessRecord record;
    private Instant nextAttempt = Instant.MIN;
    /** One admin connection, for the port the server has. */
    private AdminConnection admin;
    private int adminPort;

    ManagedPostgres(PostgresSettings settings, Consumer<String> warnings) {
        this.settings = settings;
        this.warnings = warnings;
        this.runAs = RunAs.forServer(settings.systemUser(), ServerKind.POSTGRES);
        this.directory = settings.directory();
        this.records = new ProcessRecords(directory.resolve("process"), warnings);
        adopt();
    }

    /** Takes over the server an earlier engine started, when it still runs; starts nothing. */
    private synchronized void adopt() {
        if (Files.isDirectory(directory.resolve("process"))) {
            records.find(RECORD_KEY).filter(found -> found.identity().isAlive()).ifPresent(found -> record = found);
        }
        if (record == null && isInitialised()) {
            int kept = port();
            if (settings.port() != 0 && settings.port() != kept) {
                warnings.accept("The managed PostgreSQL server keeps port " + kept + ", which its applications'"
                        + " credentials name; the setting port=" + settings.port() + " applies to a new data directory.");
            }
        }
    }

    @Override
    public <T> T asAdmin(AdminConnection.Work<T> work) {
        ensureRunning();
        return adminConnection().use(work);
    }

    @Override
    public String hostname() {
        return settings.hostname();
    }

    @Override
    public synchronized int port() {
        try {
            return Integer.parseInt(Files.readString(directory.resolve("port")).strip());
        } catch (IOException | NumberFormatException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the managed PostgreSQL server's port from "
                    + directory.resolve("port") + ": " + e.getMessage(), e);
        }
    }

    /** The server's process, while it runs. */
    synchronized Optional<ProcessIdentity> process() {
        return Optional.ofNullable(record).map(ProcessRecord::identity).filter(ProcessIdentity::isAlive);
    }

    Path directory() {
        return directory;
    }

    Path logFile() {
        return directory.resolve("postgres.log");
    }

    /** Starts the server again if it died (or an earlier engine's did), once it has ever been made. */
    @Override
    public synchronized void maintain() {
        if (!isInitialised() || process().isPresent() || Instant.now().isBefore(nextAttempt)) {
            return;
        }
        warnings.accept("The managed PostgreSQL server " + (record == null ? "is not running"
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
    synchronized void ensureRunning() {
        if (process().isPresent()) {
            return;
        }
        closeAdmin();
        record = null;
        Optional<ProcessRecord> found = records.find(RECORD_KEY);
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
            if (fresh) {
                // Only the databases the plugin makes are open to their roles; not the maintenance ones.
                adminConnection().use(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC");
                        statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC");
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            if (!fresh && Thread.currentThread().isInterrupted()) {
                // The engine is closing: the server, recorded, is the next engine's to adopt or restart.
                throw e;
            }
            stopQuietly();
            if (newDirectory) {
                ServerFiles.deleteQuietly(directory, e);
            } else if (fresh) {
                for (String made : List.of("data", "port", "admin-password", "initdb-password", "process")) {
                    ServerFiles.deleteQuietly(directory.resolve(made), e);
                }
            }
            throw e;
        }
    }

    /** Stops the server (a fast shutdown, then SIGKILL for what is left) and forgets its record. */
    synchronized void stop(Duration grace) {
        closeAdmin();
        Optional<ProcessRecord> recorded = record != null ? Optional.of(record) : records.find(RECORD_KEY);
        recorded.filter(r -> r.identity().isAlive()).ifPresent(running -> {
            // SIGINT is PostgreSQL's fast shutdown: sessions are ended, and a checkpoint written.
            RunAs.run(List.of("/bin/kill", "-INT", Long.toString(running.identity().pid())));
            long deadline = System.nanoTime() + grace.toNanos();
            while (running.identity().isAlive() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(POLL.toNanos());
            }
            killer.stop(running.identity(), Duration.ofSeconds(2));
        });
        ServerFiles.awaitNoProcessesIn(directory.resolve("data"), Duration.ofSeconds(10), ServerKind.POSTGRES);
        records.delete(RECORD_KEY);
        record = null;
    }

    @Override
    public void close() {
        closeAdmin();
    }

    private boolean isInitialised() {
        return Files.exists(directory.resolve("data").resolve("PG_VERSION"));
    }

    private synchronized AdminConnection adminConnection() {
        int port = port();
        if (admin == null || adminPort != port) {
            closeAdmin();
            admin = new AdminConnection("127.0.0.1", port, "postgres", SUPERUSER, this::adminPassword);
            adminPort = port;
        }
        return admin;
    }

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    private String adminPassword() {
        try {
            return Files.readString(directory.resolve("admin-password")).strip();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the managed PostgreSQL server's admin"
                    + " password from " + directory.resolve("admin-password") + ": " + e.getMessage(), e);
        }
    }

    private void initialise() {
        PostgresBinaries binaries = PostgresBinaries.find(settings.binaries());
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            runAs.own(directory);
            runAs.makeReachable(directory, warnings);
            int port = settings.port() != 0 ? settings.port() : ServerFiles.freePort();
            String password = new DatabaseNames().password();
            ServerFiles.writePrivate(directory.resolve("admin-password"), password);
            ServerFiles.writePrivate(directory.resolve("port"), Integer.toString(port));
            Path pwfile = directory.resolve("initdb-password");
            ServerFiles.writePrivate(pwfile, password);
            runAs.own(pwfile);
            List<String> initdb = new ArrayList<>(runAs.prefix());
            initdb.addAll(List.of(binaries.initdb().toString(), "--pgdata=" + directory.resolve("data"),
                    "--username=" + SUPERUSER, "--pwfile=" + pwfile, "--encoding=UTF8", "--no-locale",
                    "--auth-local=peer", "--auth-host=scram-sha-256", "--no-instructions"));
            RunAs.Result result = RunAs.run(initdb, directory, 120);
            Files.deleteIfExists(pwfile);
            if (result.status() != 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "initdb, run as " + runAs + ", could not make the"
                        + " managed PostgreSQL server's data directory " + directory.resolve("data") + " (status "
                        + result.status() + "):\n" + ServerFiles.lastLines(result.output()));
            }
            Path conf = directory.resolve("data").resolve("postgresql.conf");
            Files.writeString(conf, "\n# Paasmaker's settings for this server, written at each start\n"
                    + "include = 'paasmaker.conf'\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot make the managed PostgreSQL server's directory "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    /** Small-machine settings, written before every start so that changed settings apply. */
    private void writeConfiguration() throws IOException {
        Path file = directory.resolve("data").resolve("paasmaker.conf");
        Files.writeString(file, String.join("\n",
                "# Written by Paasmaker before each start of this server; change the PAASMAKER_SERVICE_POSTGRES_*",
                "# settings rather than this file.",
                "listen_addresses = '127.0.0.1'",
                "port = " + port(),
                "unix_socket_directories = ''",
                "max_connections = " + settings.maxConnections(),
                "shared_buffers = '" + settings.sharedBuffers().replace("'", "") + "'",
                "work_mem = '4MB'",
                "maintenance_work_mem = '32MB'",
                "effective_cache_size = '256MB'",
                "wal_buffers = '1MB'",
                "min_wal_size = '32MB'",
                "max_wal_size = '256MB'",
                "max_worker_processes = 4",
                "max_parallel_workers = 2",
                "max_parallel_workers_per_gather = 1",
                "max_parallel_maintenance_workers = 1",
                "autovacuum_max_workers = 2",
                "huge_pages = off",
                "logging_collector = off",
                "log_destination = 'stderr'",
                "log_line_prefix = '%m [%p] '",
                "log_timezone = 'UTC'",
                "timezone = 'UTC'",
                ""));
        runAs.own(file);
    }

    private void launch() {
        PostgresBinaries binaries = PostgresBinaries.find(settings.binaries());
        Path data = directory.resolve("data");
        try {
            writeConfiguration();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot write the managed PostgreSQL server's settings"
                    + " in " + data + ": " + e.getMessage(), e);
        }
        // Backends of a server that died outlive it for a moment, and hold its shared memory.
        ServerFiles.awaitNoProcessesIn(data, Duration.ofSeconds(10), ServerKind.POSTGRES);
        Path log = logFile();
        long logStart = ServerFiles.size(log);
        List<String> command = new ArrayList<>(runAs.prefix());
        command.addAll(List.of(binaries.postgres().toString(), "-D", data.toString()));
        LaunchedProcess launched = launcher.launch(new LaunchSpec(command, directory,
                Map.of("PATH", "/usr/bin:/bin", "LANG", "C"), log));
        ProcessRecord started = new ProcessRecord(RECORD_KEY, launched.identity(), port(), directory, log, Instant.now());
        // Recorded before the wait: an engine that dies meanwhile leaves a server the next one adopts.
        records.save(started);
        record = started;
        awaitReady(launched.identity(), log, logStart);
    }

    private void awaitReady(ProcessIdentity identity, Path log, long logStart) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        int port = port();
        while (true) {
            if (!identity.isAlive()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the managed PostgreSQL server (pid "
                        + identity.pid() + ") exited before it accepted connections on 127.0.0.1:" + port
                        + "; its log " + log + " says:\n" + ServerFiles.logSince(log, logStart));
            }
            try (Connection connection = AdminConnection.open("127.0.0.1", port, "postgres", SUPERUSER,
                    adminPassword(), 2, 5)) {
                return;
            } catch (SQLException e) {
                // 08001: not listening yet; 57P03: starting up. Anything else is for the operator.
                String state = String.valueOf(e.getSQLState());
                if (!state.startsWith("08") && !state.equals("57P03")) {
                    throw new PaasmakerException(ErrorCode.START_FAILED, "the managed PostgreSQL server (pid "
                            + identity.pid() + ") refuses the platform's admin connection: " + e.getMessage()
                            + "; its log " + log + " says:\n" + ServerFiles.logSince(log, logStart), e);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the managed PostgreSQL server (pid "
                        + identity.pid() + ") did not accept connections on 127.0.0.1:" + port + " within "
                        + settings.startTimeout().toSeconds() + " s (start_timeout); its log " + log + " says:\n"
                        + ServerFiles.logSince(log, logStart));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private void stopQuietly() {
        try {
            stop(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            warnings.accept("Could not stop the managed PostgreSQL server that failed to start: " + e.getMessage());
        }
    }
}
