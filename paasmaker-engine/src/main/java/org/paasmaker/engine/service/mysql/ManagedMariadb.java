package org.paasmaker.engine.service.mysql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
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
import org.paasmaker.engine.service.server.DatabaseNames;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServerFiles;
import org.paasmaker.engine.service.server.ServerKind;

/**
 * The platform's own MariaDB server. Its directory ({@code $PAASMAKER_HOME/services/mysql}) holds
 * {@code data/} (made by mariadb-install-db on first use), {@code my.cnf} (written before each start),
 * {@code mariadb.log} (the server's output), {@code process/} (its record, by pid and start time, as
 * instances have), {@code port} and {@code admin-password} (the platform's admin user's, readable by the
 * platform alone: 0600, the platform's user). The directory is the server user's, mode 0700, so the
 * server's socket inside it is reachable by nobody else.
 *
 * <p>As the managed PostgreSQL server: it starts when a service first needs it, detached (its own
 * session, output appended to its log), listens on 127.0.0.1 only, and outlives the engine; the next
 * engine adopts it, {@link #maintain()} starts it again if it died, and a first start that fails stops
 * what it started and deletes what it made, its error quoting the server's own log lines.
 */
final class ManagedMariadb implements MysqlServer {

    static final String RECORD_KEY = "mariadb";
    /** The platform's admin user, reaching the server over 127.0.0.1 only. */
    static final String ADMIN = "paasmaker";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private final MysqlSettings settings;
    private final Consumer<String> warnings;
    private final RunAs runAs;
    private final Path directory;
    private final ProcessRecords records;
    private final DetachedLauncher launcher = new DetachedLauncher();
    private final ProcessGroupKiller killer = new ProcessGroupKiller();
    // Guarded by this.
    private ProcessRecord record;
    private Instant nextAttempt = Instant.MIN;
    private MariadbConnection admin;
    private int adminPort;

    ManagedMariadb(MysqlSettings settings, Consumer<String> warnings) {
        this.settings = settings;
        this.warnings = warnings;
        this.runAs = RunAs.forServer(settings.systemUser(), ServerKind.MARIADB);
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
                warnings.accept("The managed MariaDB server keeps port " + kept + ", which its applications'"
                        + " credentials name; the setting port=" + settings.port() + " applies to a new data directory.");
            }
        }
    }

    @Override
    public <T> T asAdmin(MariadbConnection.Work<T> work) {
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
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the managed MariaDB server's port from "
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
        return directory.resolve("mariadb.log");
    }

    /** Starts the server again if it died (or an earlier engine's did), once it has ever been made. */
    @Override
    public synchronized void maintain() {
        if (!isInitialised() || process().isPresent() || Instant.now().isBefore(nextAttempt)) {
            return;
        }
        warnings.accept("The managed MariaDB server " + (record == null ? "is not running"
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
        } catch (RuntimeException e) {
            if (!fresh && Thread.currentThread().isInterrupted()) {
                // The engine is closing: the server, recorded, is the next engine's to adopt or restart.
                throw e;
            }
            stopQuietly();
            if (newDirectory) {
                ServerFiles.deleteQuietly(directory, e);
            } else if (fresh) {
                for (String made : List.of("data", "port", "admin-password", "init.sql", "my.cnf", "process")) {
                    ServerFiles.deleteQuietly(directory.resolve(made), e);
                }
            }
            throw e;
        }
        ServerFiles.deleteQuietly(directory.resolve("init.sql"), new PaasmakerException(ErrorCode.INTERNAL, "unused"));
    }

    /** Stops the server (SIGTERM, its normal shutdown, then SIGKILL for what is left) and forgets its record. */
    synchronized void stop(Duration grace) {
        closeAdmin();
        Optional<ProcessRecord> recorded = record != null ? Optional.of(record) : records.find(RECORD_KEY);
        recorded.filter(r -> r.identity().isAlive()).ifPresent(running -> {
            RunAs.run(List.of("/bin/kill", "-TERM", Long.toString(running.identity().pid())));
            long deadline = System.nanoTime() + grace.toNanos();
            while (running.identity().isAlive() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(POLL.toNanos());
            }
            killer.stop(running.identity(), Duration.ofSeconds(2));
        });
        ServerFiles.awaitNoProcessesIn(directory.resolve("data"), Duration.ofSeconds(10), ServerKind.MARIADB);
        records.delete(RECORD_KEY);
        record = null;
    }

    @Override
    public void close() {
        closeAdmin();
    }

    private boolean isInitialised() {
        return Files.isDirectory(directory.resolve("data").resolve("mysql"))
                && Files.exists(directory.resolve("admin-password"));
    }

    private synchronized MariadbConnection adminConnection() {
        int port = port();
        if (admin == null || adminPort != port) {
            closeAdmin();
            admin = new MariadbConnection("127.0.0.1", port, ADMIN, this::adminPassword);
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
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the managed MariaDB server's admin"
                    + " password from " + directory.resolve("admin-password") + ": " + e.getMessage(), e);
        }
    }

    /**
     * mariadb-install-db makes the system tables, with root reachable through the socket alone (by the
     * server's system user); the platform's admin user is made by the first start's init file, which
     * holds its password's hash only.
     */
    private void initialise() {
        MariadbBinaries binaries = MariadbBinaries.find(settings.binaries());
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            runAs.own(directory);
            runAs.makeReachable(directory, warnings);
            int port = settings.port() != 0 ? settings.port() : ServerFiles.freePort();
            String password = new DatabaseNames().password();
            ServerFiles.writePrivate(directory.resolve("port"), Integer.toString(port));
            List<String> installDb = new ArrayList<>(runAs.prefix());
            installDb.addAll(List.of(binaries.installDb().toString(), "--no-defaults",
                    "--datadir=" + directory.resolve("data"), "--auth-root-authentication-method=socket",
                    "--skip-test-db", "--skip-name-resolve"));
            RunAs.Result result = RunAs.run(installDb, directory, 120);
            if (result.status() != 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "mariadb-install-db, run as " + runAs + ", could"
                        + " not make the managed MariaDB server's data directory " + directory.resolve("data")
                        + " (status " + result.status() + "):\n" + ServerFiles.lastLines(result.output()));
            }
            Path init = directory.resolve("init.sql");
            ServerFiles.writePrivate(init, String.join("\n",
                    "CREATE USER IF NOT EXISTS '" + ADMIN + "'@'127.0.0.1' IDENTIFIED BY PASSWORD '"
                            + MysqlService.nativeHash(password) + "';",
                    "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'127.0.0.1' WITH GRANT OPTION;"));
            runAs.own(init);
            // Last: its presence marks a directory the platform finished making.
            ServerFiles.writePrivate(directory.resolve("admin-password"), password);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot make the managed MariaDB server's directory "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    /** Small-machine settings, written before every start so that changed settings apply. */
    private Path writeConfiguration() throws IOException {
        Path file = directory.resolve("my.cnf");
        Files.writeString(file, String.join("\n",
                "# Written by Paasmaker before each start of this server; change the PAASMAKER_SERVICE_MYSQL_*",
                "# settings rather than this file.",
                "[mariadbd]",
                "datadir = " + directory.resolve("data"),
                "bind-address = 127.0.0.1",
                "port = " + port(),
                "socket = " + directory.resolve("mariadb.sock"),
                "pid-file = " + directory.resolve("mariadbd.pid"),
                "skip-name-resolve",
                "max_connections = " + settings.maxConnections(),
                "innodb_buffer_pool_size = " + settings.bufferPoolSize(),
                "innodb_log_file_size = 16M",
                "innodb_log_buffer_size = 2M",
                "key_buffer_size = 1M",
                "aria_pagecache_buffer_size = 1M",
                "query_cache_size = 0",
                "query_cache_type = 0",
                "performance_schema = OFF",
                "table_open_cache = 256",
                "table_definition_cache = 256",
                "thread_cache_size = 4",
                "tmp_table_size = 4M",
                "max_heap_table_size = 4M",
                "character-set-server = utf8mb4",
                "collation-server = utf8mb4_unicode_ci",
                "log_warnings = 2",
                ""));
        runAs.own(file);
        return file;
    }

    private void launch() {
        MariadbBinaries binaries = MariadbBinaries.find(settings.binaries());
        Path data = directory.resolve("data");
        Path conf;
        try {
            conf = writeConfiguration();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot write the managed MariaDB server's settings"
                    + " " + directory.resolve("my.cnf") + ": " + e.getMessage(), e);
        }
        ServerFiles.awaitNoProcessesIn(data, Duration.ofSeconds(10), ServerKind.MARIADB);
        Path log = logFile();
        long logStart = ServerFiles.size(log);
        List<String> command = new ArrayList<>(runAs.prefix());
        command.addAll(List.of(binaries.server().toString(), "--defaults-file=" + conf));
        if (Files.exists(directory.resolve("init.sql"))) {
            // The first start, or one an engine that died during it did not finish.
            command.add("--init-file=" + directory.resolve("init.sql"));
        }
        LaunchedProcess launched = launcher.launch(new LaunchSpec(command, directory,
                Map.of("PATH", "/usr/sbin:/usr/bin:/bin", "LANG", "C"), log));
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
                throw new PaasmakerException(ErrorCode.START_FAILED, "the managed MariaDB server (pid "
                        + identity.pid() + ") exited before it accepted connections on 127.0.0.1:" + port
                        + "; its log " + log + " says:\n" + ServerFiles.logSince(log, logStart));
            }
            try (Connection connection = MariadbConnection.open("127.0.0.1", port, "", ADMIN, adminPassword(), 2, 5)) {
                return;
            } catch (SQLException e) {
                // 08xxx: not listening yet. Anything else (access denied, 28000) is for the operator.
                String state = String.valueOf(e.getSQLState());
                if (!state.startsWith("08") && !state.startsWith("HY")) {
                    throw new PaasmakerException(ErrorCode.START_FAILED, "the managed MariaDB server (pid "
                            + identity.pid() + ") refuses the platform's admin connection: " + e.getMessage()
                            + "; its log " + log + " says:\n" + ServerFiles.logSince(log, logStart), e);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the managed MariaDB server (pid "
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
            warnings.accept("Could not stop the managed MariaDB server that failed to start: " + e.getMessage());
        }
    }
}
