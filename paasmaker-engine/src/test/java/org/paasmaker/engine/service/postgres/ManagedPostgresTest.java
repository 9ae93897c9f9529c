package org.paasmaker.engine.service.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ManagedServerContract;
import org.paasmaker.engine.service.server.ServerKind;

/** The plugin on the platform's own server, started on first use; the contract, then what only managed does. */
class ManagedPostgresTest extends PostgresServiceContract implements ManagedServerContract {

    @Override
    public Map<String, String> settings(Path home) {
        return Map.of("port", "0");
    }

    @Override
    protected String serverLog() throws Exception {
        return Files.readString(managed().logFile());
    }

    @Override
    protected void stopServer() {
        if (provider != null) {
            managed().stop(Duration.ofSeconds(10));
        }
    }

    @Override
    public ManagedPostgres managed() {
        return (ManagedPostgres) provider.server();
    }

    @Override
    public Kind managedKind() {
        return new Kind("postgres", "PostgreSQL", "could not bind IPv4 address \"127.0.0.1\"",
                "work_mem = '8MB'\nListen_Addresses = '*'\n", "Listen_Addresses");
    }

    @Test
    void theServerListensOnLoopbackOnlyWithSmallSettingsAndItsSecretsAreThePlatformsAlone() throws Exception {
        provision("probe", "db");
        Path directory = home.resolve("services").resolve("postgres");

        assertThat(managed().directory()).isEqualTo(directory);
        assertThat(Files.getPosixFilePermissions(directory.resolve("admin-password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getOwner(directory.resolve("admin-password")).getName())
                .isEqualTo(System.getProperty("user.name"));
        if (RunAs.isRoot()) {
            assertThat(Files.getOwner(directory.resolve("data")).getName()).isEqualTo("postgres");
            assertThat(Files.getOwner(directory).getName()).isEqualTo("postgres");
        }
        provider.server().asAdmin(connection -> {
            assertThat(show(connection, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(connection, "shared_buffers")).isEqualTo("16MB");
            assertThat(show(connection, "max_connections")).isEqualTo("50");
            assertThat(show(connection, "jit")).isEqualTo("off");
            assertThat(show(connection, "max_parallel_workers_per_gather")).isEqualTo("0");
            assertThat(show(connection, "autovacuum")).isEqualTo("on");
            assertThat(show(connection, "port")).isEqualTo(Integer.toString(provider.server().port()));
            return null;
        });
        assertThat(Files.readString(directory.resolve("postgres.log"))).contains("database system is ready");
    }

    @Test
    void theOperatorsSettingsReachARunningServerAtItsNextStartAndWinOverThePlatforms() throws Exception {
        provision("before", "db");
        Path operators = home.resolve("services").resolve("postgres.conf");
        try {
            Files.writeString(operators, "# more memory for this machine\nshared_buffers = '24MB'\n\nwork_mem 8MB\n");
            managed().stop(Duration.ofSeconds(10));

            provision("after", "db");

            provider.server().asAdmin(connection -> {
                assertThat(show(connection, "shared_buffers")).isEqualTo("24MB");
                assertThat(show(connection, "work_mem")).isEqualTo("8MB");
                assertThat(show(connection, "jit")).as("the platform's others stay").isEqualTo("off");
                return null;
            });
        } finally {
            Files.deleteIfExists(operators);
            managed().stop(Duration.ofSeconds(10));
        }
        provider.server().asAdmin(connection -> {
            assertThat(show(connection, "shared_buffers")).as("the file gone").isEqualTo("16MB");
            return null;
        });
    }

    @Test
    void theUpkeepLeavesTheAdminConnectionOpenWhileRecentlyUsedAndOnceIdleItIsClosedAndOpenedAgainWhenNeeded()
            throws Exception {
        PluginParameters mine = provision("idle", "db");
        try (Connection connection = connect(mine, mine.string("database"))) {
            provider.maintain();
            assertThat(adminSessions(connection)).as("used a moment ago").isEqualTo(1);

            managed().closeAdminIdleFor(Duration.ZERO);

            await().atMost(Duration.ofSeconds(10)).until(() -> adminSessions(connection) == 0);
            provision("again", "db");
            assertThat(adminSessions(connection)).isEqualTo(1);
        }
    }

    private static long adminSessions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE usename = 'postgres'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aServicesRoleCannotConnectToTheMaintenanceDatabasesEither() {
        PluginParameters mine = provision("shop", "db");

        for (String database : List.of("postgres", "template1")) {
            assertThatThrownBy(() -> connect(mine, database).close()).as(database)
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    /**
     * A killed postmaster that the machine's init has not reaped yet (a container's init may take its
     * time) is a zombie that {@code postmaster.pid} still names, and which postgres, seeing its pid
     * taken, would take for a running server; the upkeep starts the server all the same.
     */
    @Test
    void theUpkeepStartsAServerWhoseLockFileNamesAZombie() throws Exception {
        PluginParameters credentials = provision("zombie", "db");
        managed().stop(Duration.ofSeconds(10));
        Path lock = managed().directory().resolve("data").resolve("postmaster.pid");
        // A child that ends once its parent has become a sleep, which never reaps it; as the server's user,
        // since postgres only counts pids it may signal.
        List<String> command = new ArrayList<>(RunAs.forServer("postgres", ServerKind.POSTGRES).prefix());
        command.addAll(List.of("/bin/sh", "-c", "sleep 1 & echo $!; exec sleep 120"));
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            long zombie = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine().strip());
            await("pid " + zombie + " a zombie").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(Path.of("/proc", Long.toString(zombie)))
                            && ProcessIdentity.of(zombie).isEmpty());
            Files.writeString(lock, zombie + "\n" + managed().directory().resolve("data") + "\n");

            provider.maintain();

            assertThat(managed().process()).isPresent();
            assertThat(Files.readAllLines(lock).get(0)).isEqualTo(Long.toString(managed().process().get().pid()));
            connect(credentials, credentials.string("database")).close();
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
