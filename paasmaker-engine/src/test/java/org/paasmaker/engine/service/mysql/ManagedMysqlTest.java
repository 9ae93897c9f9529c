package org.paasmaker.engine.service.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.service.server.RunAs;

/** The plugin on the platform's own MariaDB server, started on first use; the contract, then what only managed does. */
class ManagedMysqlTest extends MysqlServiceContract {

    @Override
    protected Map<String, String> settings(Path home) {
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

    private ManagedMariadb managed() {
        return (ManagedMariadb) provider.server();
    }

    @Test
    void theServerListensOnLoopbackOnlyWithSmallSettingsAndItsSecretsAreThePlatformsAlone() throws Exception {
        provision("probe", "db");
        Path directory = home.resolve("services").resolve("mysql");

        assertThat(managed().directory()).isEqualTo(directory);
        assertThat(Files.getPosixFilePermissions(directory.resolve("admin-password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getOwner(directory.resolve("admin-password")).getName())
                .isEqualTo(System.getProperty("user.name"));
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(directory.resolve("init.sql")).as("the first start's init file").doesNotExist();
        if (RunAs.isRoot()) {
            assertThat(Files.getOwner(directory.resolve("data")).getName()).isEqualTo("mysql");
            assertThat(Files.getOwner(directory).getName()).isEqualTo("mysql");
        }
        provider.server().asAdmin(connection -> {
            assertThat(variable(connection, "bind_address")).isEqualTo("127.0.0.1");
            assertThat(variable(connection, "innodb_buffer_pool_size")).isEqualTo(Long.toString(16L << 20));
            assertThat(variable(connection, "performance_schema")).as("performance_schema").isEqualTo("0");
            assertThat(variable(connection, "max_connections")).isEqualTo("50");
            assertThat(variable(connection, "socket")).isEqualTo(directory.resolve("mariadb.sock").toString());
            assertThat(variable(connection, "port")).isEqualTo(Integer.toString(provider.server().port()));
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM mysql.user WHERE user = ''")) {
                rows.next();
                assertThat(rows.getInt(1)).as("anonymous users").isZero();
            }
            return null;
        });
        assertThat(Files.readString(directory.resolve("mariadb.log"))).contains("ready for connections");
    }

    @Test
    void theOperatorsSettingsReachARunningServerAtItsNextStartAndWinOverThePlatforms() throws Exception {
        provision("before", "db");
        Path operators = home.resolve("services").resolve("mysql.conf");
        try {
            Files.writeString(operators, "# more memory for this machine\ninnodb_buffer_pool_size = 24M\n\n"
                    + "max-connections=60\n");
            managed().stop(Duration.ofSeconds(10));

            provision("after", "db");

            provider.server().asAdmin(connection -> {
                assertThat(variable(connection, "innodb_buffer_pool_size")).isEqualTo(Long.toString(24L << 20));
                assertThat(variable(connection, "max_connections")).isEqualTo("60");
                assertThat(variable(connection, "performance_schema")).as("the platform's others stay").isEqualTo("0");
                return null;
            });
        } finally {
            Files.deleteIfExists(operators);
            managed().stop(Duration.ofSeconds(10));
        }
        provider.server().asAdmin(connection -> {
            assertThat(variable(connection, "innodb_buffer_pool_size")).as("the file gone")
                    .isEqualTo(Long.toString(16L << 20));
            return null;
        });
    }

    @Test
    void anOperatorsSettingThePlatformReachesTheServerByIsRefusedNamingItsLineAndTheServerKeepsItsData()
            throws Exception {
        PluginParameters mine = provision("kept", "db");
        Path operators = home.resolve("services").resolve("mysql.conf");
        try {
            Files.writeString(operators, "key_buffer_size = 2M\nloose-skip-grant-tables\n");
            managed().stop(Duration.ofSeconds(10));

            assertThatThrownBy(() -> managed().ensureRunning())
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                    .hasMessageContaining(operators + ", line 2, sets 'loose-skip-grant-tables', which the platform"
                            + " sets itself for the managed MariaDB server");
        } finally {
            Files.deleteIfExists(operators);
        }
        managed().ensureRunning();
        connect(mine, mine.string("database")).close();
    }

    @Test
    void aServicesUserCannotReachTheSystemDatabases() {
        PluginParameters mine = provision("shop", "db");

        for (String database : List.of("mysql", "performance_schema", "sys")) {
            assertThatThrownBy(() -> connect(mine, database).close()).as(database)
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        }
    }

    @Test
    void theNextEngineAdoptsTheRunningServerInsteadOfStartingAnother() {
        PluginParameters credentials = provision("adopted", "db");
        ProcessIdentity running = managed().process().orElseThrow();

        MysqlServiceProvider next = new MysqlServiceProvider();
        next.init(PluginSettings.of(MysqlServiceProvider.ID, next.settings(), settings(home), home));
        try {
            assertThat(((ManagedMariadb) next.server()).process()).contains(running);
            PluginParameters again = next.create(null).provision(request("adopted", "db"), Optional.of(credentials));
            assertThat(again).isEqualTo(credentials);
            assertThat(((ManagedMariadb) next.server()).process()).contains(running);
        } finally {
            next.close();
        }
    }

    @Test
    void aKilledServerIsStartedAgainByTheUpkeepWithItsData() throws Exception {
        PluginParameters credentials = provision("survivor", "db");
        try (Connection connection = connect(credentials, credentials.string("database"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v text)");
            statement.execute("INSERT INTO t VALUES ('kept')");
        }
        ProcessIdentity killed = managed().process().orElseThrow();

        RunAs.run(List.of("/bin/kill", "-KILL", Long.toString(killed.pid())));
        await().atMost(Duration.ofSeconds(10)).until(() -> !killed.isAlive());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            provider.maintain();
            assertThat(managed().process()).isPresent().isNotEqualTo(Optional.of(killed));
        });

        try (Connection connection = connect(credentials, credentials.string("database"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT v FROM t")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void aServerWhosePortIsTakenFailsWithItsOwnLogLinesAndLeavesNothingBehind() throws IOException {
        Path otherHome = Files.createTempDirectory("paasmaker-mysql-taken-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MysqlServiceProvider blocked = new MysqlServiceProvider();
            blocked.init(PluginSettings.of(MysqlServiceProvider.ID, blocked.settings(),
                    Map.of("port", Integer.toString(taken.getLocalPort())), otherHome));
            try {
                assertThatThrownBy(() -> blocked.create(null).provision(request("blocked", "db"), Optional.empty()))
                        .isInstanceOfSatisfying(PaasmakerException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                        .hasMessageContaining("exited before it accepted connections on 127.0.0.1:" + taken.getLocalPort())
                        .hasMessageContaining("Address already in use");
                assertThat(otherHome.resolve("services").resolve("mysql")).doesNotExist();
                blocked.maintain();
                assertThat(otherHome.resolve("services").resolve("mysql")).as("nothing to restart").doesNotExist();
            } finally {
                blocked.close();
            }
        } finally {
            Directories.deleteTree(otherHome);
        }
    }

    @Test
    void aDirectoryThatCannotBeMadeFailsNamingIt() {
        MysqlServiceProvider unwritable = new MysqlServiceProvider();
        unwritable.init(PluginSettings.of(MysqlServiceProvider.ID, unwritable.settings(),
                Map.of("port", "0", "directory", "/proc/paasmaker-mysql"), home));
        try {
            assertThatThrownBy(() -> unwritable.create(null).provision(request("nowhere", "db"), Optional.empty()))
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                    .hasMessageContaining("cannot make the managed MariaDB server's directory /proc/paasmaker-mysql");
        } finally {
            unwritable.close();
        }
    }

    private static String variable(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT @@" + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
