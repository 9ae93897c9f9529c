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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.service.server.DatabaseNames;
import org.paasmaker.engine.service.server.ManagedServer;
import org.paasmaker.engine.service.server.OperatorSettings;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServerFiles;
import org.paasmaker.engine.service.server.ServerKind;

/**
 * The platform's own PostgreSQL server. Its directory ({@code $PAASMAKER_HOME/services/postgres})
 * holds {@code data/} (made by initdb on first use), {@code postgres.log} (the server's output),
 * {@code process/} (its record, by pid and start time, as instances have), {@code port} and
 * {@code admin-password} (the superuser's, readable by the platform alone: 0600, the platform's user).
 * It listens on 127.0.0.1 only, and is started, adopted, restarted and cleaned up as
 * {@link ManagedServer} says.
 */
final class ManagedPostgres extends ManagedServer implements PostgresServer {

    static final String RECORD_KEY = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final Duration ADMIN_IDLE = Duration.ofMinutes(1);
    /** What the platform reaches the server by, and includes, which would bypass the check. */
    private static final Set<String> PINNED = Set.of("listen_addresses", "port", "unix_socket_directories",
            "data_directory", "config_file", "hba_file", "ident_file", "include", "include_dir", "include_if_exists");

    private final PostgresSettings settings;
    /** One admin connection, for the port the server has; guarded by this. */
    private AdminConnection admin;
    private int adminPort;

    ManagedPostgres(PostgresSettings settings, Consumer<String> warnings) {
        super(ServerKind.POSTGRES, RECORD_KEY, settings.directory(), settings.systemUser(), settings.startTimeout(),
                warnings);
        this.settings = settings;
        adopt(settings.port());
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
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public PostgresBinaries clients() {
        return PostgresBinaries.clients(settings.binaries());
    }

    @Override
    public Path logFile() {
        return directory.resolve("postgres.log");
    }

    @Override
    public void close() {
        closeAdmin();
    }

    @Override
    protected boolean isInitialised() {
        return Files.exists(directory.resolve("data").resolve("PG_VERSION"));
    }

    @Override
    protected List<String> madeByInitialise() {
        return List.of("data", "port", "admin-password", "initdb-password");
    }

    @Override
    protected Path dataDirectory() {
        return directory.resolve("data");
    }

    /** SIGINT is PostgreSQL's fast shutdown: sessions are ended, and a checkpoint written. */
    @Override
    protected String stopSignal() {
        return "-INT";
    }

    @Override
    protected List<String> command() {
        return List.of(PostgresBinaries.find(settings.binaries()).postgres().toString(), "-D",
                directory.resolve("data").toString());
    }

    @Override
    protected boolean acceptsAdmin() throws SQLException {
        try (Connection connection = AdminConnection.open("127.0.0.1", port(), "postgres", SUPERUSER, adminPassword(),
                2, 5)) {
            return true;
        } catch (SQLException e) {
            // 08001: not listening yet; 57P03: starting up. Anything else is for the operator.
            String state = String.valueOf(e.getSQLState());
            if (state.startsWith("08") || state.equals("57P03")) {
                return false;
            }
            throw e;
        }
    }

    /** After the first start, only the databases the plugin makes are open to their roles; not the maintenance ones. */
    @Override
    protected void afterStart(boolean first) {
        if (first) {
            adminConnection().use(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC");
                    statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC");
                }
                return null;
            });
        }
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

    /**
     * The admin connection is a backend process (some 10 MB resident, 2 MB PSS once it has worked) that the
     * platform uses only to make and drop services; a deploy's burst of them shares it, then it is closed.
     */
    @Override
    protected void closeIdleAdmin() {
        closeAdminIdleFor(ADMIN_IDLE);
    }

    synchronized void closeAdminIdleFor(Duration idle) {
        if (admin != null) {
            admin.closeIfIdleFor(idle);
        }
    }

    @Override
    protected synchronized void closeAdmin() {
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

    @Override
    protected void initialise() {
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

    /**
     * Small-machine settings, then the operator's ({@link OperatorSettings}), written before every start
     * so that changed settings apply to a server made by any release; and the lock file of a postmaster
     * that has ended removed. Beside shared_buffers and max_connections: no JIT (it loads LLVM into a
     * backend for a costly query, tens of MB, and a small application's queries gain nothing), no
     * parallel query (each worker is a process with its own work_mem, on a machine of one or two cores
     * the applications need), and no logical replication launcher (a process the platform never uses).
     */
    @Override
    protected void writeConfiguration() throws IOException {
        removeLockOfEndedPostmaster();
        String operators = OperatorSettings.appended(directory, ServerKind.POSTGRES, OperatorSettings.Syntax.POSTGRES,
                PINNED);
        Path file = directory.resolve("data").resolve("paasmaker.conf");
        Files.writeString(file, String.join("\n",
                "# Written by Paasmaker before each start of this server; change the PAASMAKER_SERVICE_POSTGRES_*",
                "# settings, or add your own to " + OperatorSettings.file(directory) + ", rather than this file.",
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
                "jit = off",
                "max_worker_processes = 2",
                "max_parallel_workers = 2",
                "max_parallel_workers_per_gather = 0",
                "max_parallel_maintenance_workers = 0",
                "max_logical_replication_workers = 0",
                "autovacuum = on",
                "autovacuum_max_workers = 2",
                "huge_pages = off",
                "logging_collector = off",
                "log_destination = 'stderr'",
                "log_line_prefix = '%m [%p] '",
                "log_timezone = 'UTC'",
                "timezone = 'UTC'",
                "") + operators);
        runAs.own(file);
    }

    /**
     * A killed postmaster stays a zombie until its parent reaps it, and the parent of one the platform
     * adopted is the machine's init, which in a container may reap late or never; postgres takes the
     * zombie's pid in {@code postmaster.pid} for a running server and refuses to start meanwhile. A lock
     * naming no live process is stale: postgres would remove it itself once the pid were free.
     */
    private void removeLockOfEndedPostmaster() throws IOException {
        Path lock = directory.resolve("data").resolve("postmaster.pid");
        if (!Files.exists(lock)) {
            return;
        }
        String first = Files.readAllLines(lock).stream().findFirst().orElse("").strip();
        if (first.matches("\\d{1,18}") && ProcessIdentity.of(Long.parseLong(first)).isEmpty()) {
            warnings.accept("Removed " + lock + ", left by the managed PostgreSQL server (pid " + first + "), which"
                    + " has ended.");
            Files.deleteIfExists(lock);
        }
    }
}
