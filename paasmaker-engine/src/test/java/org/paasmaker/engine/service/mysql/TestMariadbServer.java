package org.paasmaker.engine.service.mysql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.service.server.DatabaseNames;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServerFiles;
import org.paasmaker.engine.service.server.ServerKind;

/**
 * A MariaDB server that a test makes and runs itself, with Debian's binaries, as the mysql system user
 * when the test runs as root (mariadbd refuses root): the "external" server of the tests. Admin
 * {@code admin}@{@code 127.0.0.1} with a password and every privilege, on 127.0.0.1 and a free port;
 * never Debian's own server on 3306. {@link #close()} stops it and deletes its directory.
 */
public final class TestMariadbServer implements AutoCloseable {

    public static final String ADMIN = "admin";

    private final Path directory;
    private final int port;
    private final String password;
    private final Process process;

    private TestMariadbServer(Path directory, int port, String password, Process process) {
        this.directory = directory;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /** A server with a small buffer pool. */
    public static TestMariadbServer start() throws IOException {
        return start(List.of("--innodb-buffer-pool-size=16M"));
    }

    /**
     * A server with these options on top of MariaDB's built-in defaults (which, memory aside from paths
     * and the address, are what Debian's configuration runs: its 50-server.cnf sets no sizes).
     */
    public static TestMariadbServer start(List<String> options) throws IOException {
        MariadbBinaries binaries;
        try {
            binaries = MariadbBinaries.find(Optional.empty());
        } catch (RuntimeException e) {
            throw new AssertionError("these tests run real MariaDB servers: " + e.getMessage()
                    + " (.ci/run installs mariadb-server)", e);
        }
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "paasmaker-test-mariadb-");
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            RunAs runAs = RunAs.forServer("mysql", ServerKind.MARIADB);
            runAs.own(directory);
            List<String> installDb = new ArrayList<>(runAs.prefix());
            installDb.addAll(List.of(binaries.installDb().toString(), "--no-defaults",
                    "--datadir=" + directory.resolve("data"), "--auth-root-authentication-method=socket",
                    "--skip-test-db"));
            RunAs.Result made = RunAs.run(installDb, directory, 120);
            if (made.status() != 0) {
                throw new AssertionError("mariadb-install-db failed: " + made.output());
            }
            String password = new DatabaseNames().password();
            Path init = directory.resolve("init.sql");
            Files.writeString(init, "CREATE USER '" + ADMIN + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'127.0.0.1' WITH GRANT OPTION;\n");
            runAs.own(init);
            int port = ServerFiles.freePort();
            List<String> server = new ArrayList<>(runAs.prefix());
            server.addAll(List.of(binaries.server().toString(), "--no-defaults",
                    "--datadir=" + directory.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--socket=" + directory.resolve("server.sock"), "--pid-file=" + directory.resolve("server.pid"),
                    "--skip-name-resolve", "--init-file=" + init));
            server.addAll(options);
            Process process = new ProcessBuilder(server).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile()).start();
            TestMariadbServer started = new TestMariadbServer(directory, port, password, process);
            try {
                Awaitility.await("the test's MariaDB server on port " + port).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                            if (!process.isAlive()) {
                                throw new AssertionError("MariaDB exited: " + Files.readString(started.log()));
                            }
                            try (Connection c = started.connect()) {
                                return true;
                            }
                        });
            } catch (RuntimeException | Error e) {
                started.close();
                throw e;
            }
            return started;
        } catch (IOException | RuntimeException | Error e) {
            Directories.deleteTree(directory);
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public Path log() {
        return directory.resolve("server.log");
    }

    public Connection connect() throws SQLException {
        return MariadbConnection.open("127.0.0.1", port, "", ADMIN, password, 5, 30);
    }

    @Override
    public void close() throws IOException {
        try {
            process.destroy();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive());
            } finally {
                process.destroyForcibly();
            }
        } finally {
            Directories.deleteTree(directory);
        }
    }
}
