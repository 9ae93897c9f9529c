package org.paasmaker.engine.service.mysql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.service.server.DatabaseNames;
import org.paasmaker.engine.service.server.ManagedServer;
import org.paasmaker.engine.service.server.OperatorSettings;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServerFiles;
import org.paasmaker.engine.service.server.ServerKind;

/**
 * The platform's own MariaDB server. Its directory ({@code $PAASMAKER_HOME/services/mysql}) holds
 * {@code data/} (made by mariadb-install-db on first use), {@code my.cnf} (written before each start),
 * {@code mariadb.log} (the server's output), {@code process/} (its record), {@code port} and
 * {@code admin-password} (the platform's admin user's, readable by the platform alone: 0600, the
 * platform's user). The directory is the server user's, mode 0700, so the server's socket inside it is
 * reachable by nobody else. Started, adopted, restarted and cleaned up as {@link ManagedServer} says.
 */
final class ManagedMariadb extends ManagedServer implements MysqlServer {

    static final String RECORD_KEY = "mariadb";
    /** The platform's admin user, reaching the server over 127.0.0.1 only. */
    static final String ADMIN = "paasmaker";
    /**
     * What the platform reaches the server by, and what would open it to anyone (skip-grant-tables) or
     * run statements as it starts; names as {@link OperatorSettings.Syntax#MARIADB} makes them.
     */
    private static final Set<String> PINNED = Set.of("datadir", "bind_address", "port", "socket", "pid_file",
            "networking", "grant_tables", "init_file");

    private final MysqlSettings settings;
    // Guarded by this.
    private MariadbConnection admin;
    private int adminPort;

    ManagedMariadb(MysqlSettings settings, Consumer<String> warnings) {
        super(ServerKind.MARIADB, RECORD_KEY, settings.directory(), settings.systemUser(), settings.startTimeout(),
                warnings);
        this.settings = settings;
        adopt(settings.port());
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
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public MariadbBinaries.Clients clients() {
        return MariadbBinaries.clients(settings.binaries());
    }

    @Override
    public Path logFile() {
        return directory.resolve("mariadb.log");
    }

    @Override
    public void close() {
        closeAdmin();
    }

    @Override
    protected boolean isInitialised() {
        return Files.isDirectory(directory.resolve("data").resolve("mysql"))
                && Files.exists(directory.resolve("admin-password"));
    }

    @Override
    protected List<String> madeByInitialise() {
        return List.of("data", "port", "admin-password", "init.sql", "my.cnf");
    }

    @Override
    protected Path dataDirectory() {
        return directory.resolve("data");
    }

    @Override
    protected String stopSignal() {
        return "-TERM";
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(MariadbBinaries.find(settings.binaries()).server().toString(),
                "--defaults-file=" + directory.resolve("my.cnf")));
        if (Files.exists(directory.resolve("init.sql"))) {
            // The first start, or one an engine that died during it did not finish.
            command.add("--init-file=" + directory.resolve("init.sql"));
        }
        return command;
    }

    @Override
    protected boolean acceptsAdmin() throws SQLException {
        try (Connection connection = MariadbConnection.open("127.0.0.1", port(), "", ADMIN, adminPassword(), 2, 5)) {
            return true;
        } catch (SQLException e) {
            // 08xxx and HY000 (connection refused): not listening yet. Anything else is for the operator.
            String state = String.valueOf(e.getSQLState());
            if (state.startsWith("08") || state.startsWith("HY")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    protected void afterStart(boolean first) {
        ServerFiles.deleteQuietly(directory.resolve("init.sql"), new PaasmakerException(ErrorCode.INTERNAL, "unused"));
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
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the managed MariaDB server's admin"
                    + " password from " + directory.resolve("admin-password") + ": " + e.getMessage(), e);
        }
    }

    /**
     * mariadb-install-db makes the system tables, with root reachable through the socket alone (by the
     * server's system user); the platform's admin user is made by the first start's init file, which
     * holds its password's hash only.
     */
    @Override
    protected void initialise() {
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

    /**
     * Small-machine settings, then the operator's ({@link OperatorSettings}), written before every start
     * so that changed settings apply to a server made by any release.
     */
    @Override
    protected void writeConfiguration() throws IOException {
        String operators = OperatorSettings.appended(directory, ServerKind.MARIADB, OperatorSettings.Syntax.MARIADB, PINNED);
        Path file = directory.resolve("my.cnf");
        Files.writeString(file, String.join("\n",
                "# Written by Paasmaker before each start of this server; change the PAASMAKER_SERVICE_MYSQL_*",
                "# settings, or add your own to " + OperatorSettings.file(directory) + ", rather than this file.",
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
                "") + operators);
        runAs.own(file);
    }
}
