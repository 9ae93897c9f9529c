package org.paasmaker.engine.service.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ManagedServerContract;

/** The plugin on the platform's own MariaDB server, started on first use; the contract, then what only managed does. */
class ManagedMysqlTest extends MysqlServiceContract implements ManagedServerContract {

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
    public ManagedMariadb managed() {
        return (ManagedMariadb) provider.server();
    }

    @Override
    public Kind managedKind() {
        return new Kind("mysql", "MariaDB", "Address already in use", "key_buffer_size = 2M\nloose-skip-grant-tables\n",
                "loose-skip-grant-tables");
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
    void aServicesUserCannotReachTheSystemDatabases() {
        PluginParameters mine = provision("shop", "db");

        for (String database : List.of("mysql", "performance_schema", "sys")) {
            assertThatThrownBy(() -> connect(mine, database).close()).as(database)
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
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
