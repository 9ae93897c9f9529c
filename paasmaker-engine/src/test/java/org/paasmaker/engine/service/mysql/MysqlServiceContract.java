package org.paasmaker.engine.service.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.api.service.ServiceDumps;
import org.paasmaker.engine.service.server.CommandLinesSeen;
import org.paasmaker.engine.service.server.DatabaseServiceContract;

/**
 * What {@code paasmaker.service.mysql} does on any server: the managed MariaDB and an external one
 * both pass it (the same shape as {@code PostgresServiceContract}). Each subclass gives the plugin's
 * settings and the server's log; the plugin is initialised once per class, and every service a test
 * made is removed after it.
 */
public abstract class MysqlServiceContract extends DatabaseServiceContract<MysqlServiceProvider> {

    protected MysqlServiceContract() {
        super("mysql", MysqlServiceProvider::new, "mysql");
    }

    /** Everything the server has logged so far. */
    protected abstract String serverLog() throws Exception;

    protected static Connection connect(PluginParameters credentials, String database) throws SQLException {
        return MariadbConnection.open(credentials.string("hostname"), (int) credentials.integer("port"), database,
                credentials.string("username"), credentials.string("password"), 5, 30);
    }

    @Override
    public Connection open(PluginParameters credentials, String database) throws SQLException {
        return connect(credentials, database);
    }

    @Test
    void aServicesUserCannotReachAnotherServicesDatabase() throws SQLException {
        PluginParameters mine = provision("shop", "db");
        PluginParameters theirs = provision("forum", "db");

        assertThatThrownBy(() -> connect(mine, theirs.string("database")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1044))
                .hasMessageContaining("Access denied");
        assertThatThrownBy(() -> connect(theirs, mine.string("database")).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        try (Connection connection = connect(mine, mine.string("database"));
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE TABLE `" + theirs.string("database") + "`.t (n int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> statement.execute("CREATE DATABASE another_one"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            try (ResultSet rows = statement.executeQuery("SHOW DATABASES")) {
                List<String> seen = new ArrayList<>();
                while (rows.next()) {
                    seen.add(rows.getString(1));
                }
                assertThat(seen).containsExactlyInAnyOrder("information_schema", mine.string("database"));
            }
        }
    }

    @Test
    void theGrantIsOnTheServicesDatabaseAloneNotOnNamesItsUnderscoresWouldMatch() throws SQLException {
        PluginParameters mine = provision("ab", "cd");
        String lookalike = mine.string("database").replace('_', 'x');
        provider.server().asAdmin(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE `" + lookalike + "`");
            }
            return null;
        });
        try {
            assertThatThrownBy(() -> connect(mine, lookalike).close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied");
        } finally {
            provider.server().asAdmin(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE `" + lookalike + "`");
                }
                return null;
            });
        }
    }

    @Test
    void removingDropsTheDatabaseAndTheUserEvenWithASessionOpen() throws Exception {
        ServiceRequest request = request("gone", "db");
        PluginParameters credentials = service.provision(request, Optional.empty());
        String name = credentials.string("database");
        try (Connection open = connect(credentials, name); Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE t (n int)");

            service.remove(request, credentials);
        }

        assertThatThrownBy(() -> connect(credentials, name).close()).isInstanceOf(SQLException.class);
        provider.server().asAdmin(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT (SELECT count(*) FROM"
                    + " information_schema.schemata WHERE schema_name = ?) + (SELECT count(*) FROM mysql.user"
                    + " WHERE user = ?)")) {
                query.setString(1, name);
                query.setString(2, name);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1)).as("databases and users named " + name).isZero();
                }
            }
            return null;
        });
        service.remove(request, credentials);
    }

    @Test
    void namesAreSafeUniqueAndWithinMariadbsLimits() {
        PluginParameters first = provision("Ça Va? A very long application name indeed", "My Data-base! with spaces");
        PluginParameters second = provision("Ça Va? A very long application name indeed", "My Data-base! with spaces");

        assertThat(first.string("database")).matches("[a-z][a-z0-9_]*").hasSizeLessThanOrEqualTo(64)
                .isNotEqualTo(second.string("database"));
        assertThat(first.string("username")).hasSizeLessThanOrEqualTo(80);
        assertThat(first.string("password")).isNotEqualTo(second.string("password"));
    }

    @Test
    void passwordsNeverReachTheServersLog() throws Exception {
        PluginParameters credentials = provision("secretive", "db");
        connect(credentials, credentials.string("database")).close();
        assertThatThrownBy(() -> connect(PluginParameters.of(Map.of("hostname", credentials.string("hostname"),
                "port", credentials.integer("port"), "username", credentials.string("username"),
                "password", credentials.string("password") + "x")), credentials.string("database")).close())
                .isInstanceOf(SQLException.class);

        assertThat(serverLog()).doesNotContain(credentials.string("password"))
                .doesNotContain(MysqlService.nativeHash(credentials.string("password")).substring(1));
    }

    @Test
    void anExportRoundTripsTheDataAfterItWasChangedAndDropped() throws Exception {
        PluginParameters credentials = provision("exported", "db");
        execute(credentials, "CREATE TABLE counter (n integer)", "INSERT INTO counter VALUES (42)",
                "CREATE TABLE note (t varchar(20))", "INSERT INTO note VALUES ('kept'), ('also kept')",
                // More than a pipe holds: mariadb-dump still runs when its first bytes arrive.
                "CREATE TABLE filler (m char(32))",
                "INSERT INTO filler SELECT md5(seq) FROM seq_1_to_20000");
        Path dump = home.resolve("exported.sql");
        List<String> commandLines;
        try (OutputStream file = Files.newOutputStream(dump); CommandLinesSeen out = new CommandLinesSeen(file)) {
            dumps().export(request("exported", "db"), credentials, out);
            commandLines = out.commandLines();
        }
        execute(credentials, "DROP TABLE note", "UPDATE counter SET n = 0", "CREATE TABLE added (x integer)");

        dumps().restore(request("exported", "db"), credentials, dump);

        assertThat(query(credentials, "SELECT n FROM counter")).containsExactly("42");
        assertThat(query(credentials, "SELECT t FROM note ORDER BY t")).containsExactly("also kept", "kept");
        assertThat(query(credentials, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'added'"))
                .containsExactly("0");
        assertThat(query(credentials, "SELECT count(DISTINCT m) FROM filler")).containsExactly("20000");
        assertThat(Files.readString(dump)).contains("-- MariaDB dump").doesNotContain("CREATE DATABASE");
        assertThat(commandLines).as("the processes running during the export")
                .anyMatch(line -> line.contains("mariadb-dump") || line.contains("mysqldump"))
                .noneMatch(line -> line.contains(credentials.string("password")));
        assertThat(serverLog()).doesNotContain(credentials.string("password"));
    }

    @Test
    void whatIsNotAWholeMariadbDumpIsRefusedBeforeTheDataIsTouched() throws Exception {
        PluginParameters credentials = provision("careful", "db");
        execute(credentials, "CREATE TABLE counter (n integer)", "INSERT INTO counter VALUES (7)");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        dumps().export(request("careful", "db"), credentials, whole);
        String text = whole.toString(StandardCharsets.UTF_8);
        Map<String, byte[]> bad = Map.of(
                "it is empty", new byte[0],
                "it is a PostgreSQL dump", "PGDMP\u0001".getBytes(StandardCharsets.ISO_8859_1),
                "it is a Redis RDB file", "REDIS0010\u00fa".getBytes(StandardCharsets.ISO_8859_1),
                "it does not begin with mariadb-dump's header", "SELECT 1;\n".getBytes(StandardCharsets.UTF_8),
                "it was cut short", text.substring(0, text.indexOf("-- Dump completed")).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> one : bad.entrySet()) {
            Path dump = Files.write(home.resolve("bad.sql"), one.getValue());
            assertThatThrownBy(() -> dumps().restore(request("careful", "db"), credentials, dump)).as(one.getKey())
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("not a dump paasmaker.service.mysql imports").hasMessageContaining(one.getKey())
                    .hasMessageContaining("was not touched");
        }
        assertThat(query(credentials, "SELECT n FROM counter")).containsExactly("7");
    }

    @Test
    void aDumpThatFailsHalfWayLeavesTheDataAsItWasAndQuotesTheClient() throws Exception {
        PluginParameters credentials = provision("steady", "db");
        execute(credentials, "CREATE TABLE counter (n integer)", "INSERT INTO counter VALUES (5)");
        PluginParameters other = provision("other", "db");
        execute(other, "CREATE TABLE first (n integer)", "INSERT INTO first VALUES (1)",
                "CREATE TABLE second (n integer)", "INSERT INTO second VALUES (2)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dumps().export(request("other", "db"), other, out);
        // A whole dump with a statement that fails between its tables: the first is loaded, then the load stops.
        String broken = out.toString(StandardCharsets.UTF_8).replace("DROP TABLE IF EXISTS `second`;",
                "INSERT INTO nowhere VALUES (1);\nDROP TABLE IF EXISTS `second`;");
        assertThat(broken).contains("nowhere");
        Path dump = Files.writeString(home.resolve("broken.sql"), broken);

        assertThatThrownBy(() -> dumps().restore(request("steady", "db"), credentials, dump))
                .isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("could not be imported into the service 'db' of steady")
                .hasMessageMatching("(?s).*(mariadb|mysql) \\(status 1\\) said.*nowhere.*")
                .hasMessageContaining("as it was before the import")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(credentials.string("password")));
        assertThat(query(credentials, "SELECT n FROM counter")).containsExactly("5");
        assertThat(query(credentials, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'first'"))
                .containsExactly("0");
    }

    @Test
    void aDumpCannotRunShellCommandsOrReadThePlatformsFiles() throws Exception {
        PluginParameters credentials = provision("sandboxed", "db");
        Path marker = home.resolve("shell-was-here");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dumps().export(request("sandboxed", "db"), credentials, out);
        String text = out.toString(StandardCharsets.UTF_8);
        String hostile = text.replace("-- Dump completed", "\\! touch " + marker + "\n-- Dump completed");
        Path dump = Files.writeString(home.resolve("hostile.sql"), hostile);

        assertThatThrownBy(() -> dumps().restore(request("sandboxed", "db"), credentials, dump))
                .isInstanceOf(PaasmakerException.class).hasMessageContaining("as it was before the import");
        assertThat(marker).doesNotExist();
    }

    private ServiceDumps dumps() {
        return service.dumps().orElseThrow();
    }

    private static void execute(PluginParameters credentials, String... statements) throws SQLException {
        try (Connection connection = connect(credentials, credentials.string("database"));
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> query(PluginParameters credentials, String sql) throws SQLException {
        try (Connection connection = connect(credentials, credentials.string("database"));
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
