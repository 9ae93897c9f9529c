package org.paasmaker.engine.service.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.service.server.DatabaseNames;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServerKind;

/**
 * A PostgreSQL server that a test makes and runs itself, with Debian's binaries, as the postgres
 * system user when the test runs as root (initdb refuses root): the "external" server of the tests.
 * Superuser {@code postgres} with a password, on 127.0.0.1 and a free port. {@link #close()} stops it
 * and deletes its directory.
 */
public final class TestPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final Path directory;
    private final int port;
    private final String password;
    private final Process process;

    private TestPostgresServer(Path directory, int port, String password, Process process) {
        this.directory = directory;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /** The newest {@code /usr/lib/postgresql/<major>/bin}; a failure that names the package when there is none. */
    public static Path binaries() {
        return PostgresBinaries.newestDebian().map(PostgresBinaries::directory).orElseThrow(() -> new AssertionError(
                "these tests run real PostgreSQL servers, and " + PostgresBinaries.DEBIAN + "/*/bin has no initdb and"
                        + " postgres: install Debian's postgresql package (apt-get install postgresql; .ci/run does)"));
    }

    public static TestPostgresServer start() throws IOException {
        return start(List.of("shared_buffers=16MB", "max_connections=30"));
    }

    /** A server with these {@code name=value} settings on top of initdb's defaults. */
    public static TestPostgresServer start(List<String> settings) throws IOException {
        Path bin = binaries();
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "paasmaker-test-postgres-");
        try {
            // The test's own folder under /tmp: the server's user may pass through it.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            RunAs runAs = RunAs.forServer("postgres", ServerKind.POSTGRES);
            runAs.own(directory);
            String password = new DatabaseNames().password();
            Path pwfile = directory.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            runAs.own(pwfile);
            List<String> initdb = new ArrayList<>(runAs.prefix());
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", directory.resolve("data").toString(),
                    "-U", SUPERUSER, "--pwfile=" + pwfile, "-E", "UTF8", "--no-locale", "--auth-host=scram-sha-256",
                    "--auth-local=peer", "--no-instructions"));
            RunAs.Result made = RunAs.run(initdb, directory, 120);
            if (made.status() != 0) {
                throw new AssertionError("initdb failed: " + made.output());
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            List<String> postgres = new ArrayList<>(runAs.prefix());
            postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", directory.resolve("data").toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
            settings.forEach(setting -> postgres.addAll(List.of("-c", setting)));
            Process process = new ProcessBuilder(postgres).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile()).start();
            TestPostgresServer server = new TestPostgresServer(directory, port, password, process);
            try {
                Awaitility.await("the test's PostgreSQL server on port " + port).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                            if (!process.isAlive()) {
                                throw new AssertionError("PostgreSQL exited: " + Files.readString(server.log()));
                            }
                            try (Connection c = server.connect("postgres")) {
                                return true;
                            }
                        });
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
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

    public Connection connect(String database) throws SQLException {
        return AdminConnection.open("127.0.0.1", port, database, SUPERUSER, password, 5, 30);
    }

    @Override
    public void close() throws IOException {
        try {
            // SIGINT: PostgreSQL's fast shutdown.
            RunAs.run(List.of("/bin/kill", "-INT", Long.toString(process.pid())));
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
