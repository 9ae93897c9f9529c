package org.paasmaker.engine.service.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
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
 * What {@code paasmaker.service.postgres} does on any server: the managed one and an external one
 * both pass it. Each subclass gives the plugin's settings and the server's log; the plugin is
 * initialised once per class, and every service a test made is removed after it.
 */
public abstract class PostgresServiceContract extends DatabaseServiceContract<PostgresServiceProvider> {

    protected PostgresServiceContract() {
        super("postgres", PostgresServiceProvider::new, "pgsql");
    }

    /** Everything the server has logged so far. */
    protected abstract String serverLog() throws Exception;

    protected static Connection connect(PluginParameters credentials, String database) throws SQLException {
        return AdminConnection.open(credentials.string("hostname"), (int) credentials.integer("port"), database,
                credentials.string("username"), credentials.string("password"), 5, 30);
    }

    @Override
    public Connection open(PluginParameters credentials, String database) throws SQLException {
        return connect(credentials, database);
    }

    @Test
    void aServicesRoleCannotConnectToAnotherServicesDatabase() throws SQLException {
        PluginParameters mine = provision("shop", "db");
        PluginParameters theirs = provision("forum", "db");

        assertThatThrownBy(() -> connect(mine, theirs.string("database")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> connect(theirs, mine.string("database")).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }

    @Test
    void removingDropsTheDatabaseAndTheRole() throws Exception {
        ServiceRequest request = request("gone", "db");
        PluginParameters credentials = service.provision(request, Optional.empty());
        String name = credentials.string("database");
        connect(credentials, name).close();

        service.remove(request, credentials);

        assertThatThrownBy(() -> connect(credentials, name).close()).isInstanceOf(SQLException.class);
        provider.server().asAdmin(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM pg_database WHERE datname = '"
                            + name + "') + (SELECT count(*) FROM pg_roles WHERE rolname = '" + name + "')")) {
                rows.next();
                assertThat(rows.getInt(1)).as("databases and roles named " + name).isZero();
            }
            return null;
        });
        service.remove(request, credentials);
    }

    @Test
    void namesAreSafeUniqueAndWithinPostgresLimits() {
        PluginParameters first = provision("Ça Va? A very long application name indeed", "My Data-base! with spaces");
        PluginParameters second = provision("Ça Va? A very long application name indeed", "My Data-base! with spaces");

        assertThat(first.string("database")).matches("[a-z][a-z0-9_]{0,62}").hasSizeLessThanOrEqualTo(63)
                .isNotEqualTo(second.string("database"));
        assertThat(first.string("password")).isNotEqualTo(second.string("password"));
    }

    @Test
    void passwordsNeverReachTheServersLog() throws Exception {
        PluginParameters credentials = provision("secretive", "db");
        connect(credentials, credentials.string("database")).close();

        assertThat(serverLog()).doesNotContain(credentials.string("password"));
    }

    @Test
    void anExportRoundTripsTheDataAfterItWasChangedAndDropped() throws Exception {
        PluginParameters credentials = provision("exported", "db");
        execute(credentials, "CREATE TABLE counter (n integer)", "INSERT INTO counter VALUES (42)",
                "CREATE TABLE note (t text)", "INSERT INTO note VALUES ('kept'), ('also kept')",
                // More than a pipe holds, even compressed: pg_dump still runs when its first bytes arrive.
                "CREATE TABLE filler AS SELECT md5(i::text) AS m FROM generate_series(1, 50000) AS i");
        Path dump = home.resolve("exported.dump");
        List<String> commandLines;
        try (OutputStream file = Files.newOutputStream(dump); CommandLinesSeen out = new CommandLinesSeen(file)) {
            dumps().export(request("exported", "db"), credentials, out);
            commandLines = out.commandLines();
        }
        execute(credentials, "DROP TABLE note", "UPDATE counter SET n = 0", "CREATE TABLE added (x integer)");

        dumps().restore(request("exported", "db"), credentials, dump);

        assertThat(query(credentials, "SELECT n FROM counter")).containsExactly("42");
        assertThat(query(credentials, "SELECT t FROM note ORDER BY t")).containsExactly("also kept", "kept");
        assertThat(query(credentials, "SELECT coalesce(to_regclass('added')::text, 'gone')")).containsExactly("gone");
        assertThat(query(credentials, "SELECT count(DISTINCT m) FROM filler")).containsExactly("50000");
        assertThat(Files.readAllBytes(dump)).startsWith("PGDMP".getBytes(StandardCharsets.US_ASCII));
        assertThat(commandLines).as("the processes running during the export").anyMatch(line -> line.contains("pg_dump"))
                .noneMatch(line -> line.contains(credentials.string("password")));
        assertThat(serverLog()).doesNotContain(credentials.string("password"));
    }

    @Test
    void aDumpOfOneServiceImportsIntoAnotherAsItsOwnRole() throws Exception {
        PluginParameters from = provision("source", "db");
        PluginParameters into = provision("target", "db");
        execute(from, "CREATE TABLE page (title text)", "INSERT INTO page VALUES ('home')");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dumps().export(request("source", "db"), from, out);
        Path dump = Files.write(home.resolve("source.dump"), out.toByteArray());

        dumps().restore(request("target", "db"), into, dump);

        assertThat(query(into, "SELECT title || ' ' || pg_get_userbyid(c.relowner) FROM page,"
                + " pg_class c WHERE c.relname = 'page'")).containsExactly("home " + into.string("username"));
    }

    @Test
    void whatIsNotAWholeCustomFormatDumpIsRefusedBeforeTheDataIsTouched() throws Exception {
        PluginParameters credentials = provision("careful", "db");
        execute(credentials, "CREATE TABLE counter (n integer)", "INSERT INTO counter VALUES (7)");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        dumps().export(request("careful", "db"), credentials, whole);
        byte[] bytes = whole.toByteArray();
        Map<String, byte[]> bad = Map.of(
                "it is empty", new byte[0],
                "it is a plain-SQL pg_dump", "--\n-- PostgreSQL database dump\n--\n".getBytes(StandardCharsets.UTF_8),
                "it is a Redis RDB file", "REDIS0010\u00fa".getBytes(StandardCharsets.ISO_8859_1),
                "it is a MariaDB or MySQL dump", "-- MariaDB dump 10.19\n".getBytes(StandardCharsets.UTF_8),
                "it does not begin as pg_dump's custom format does", "hello".getBytes(StandardCharsets.UTF_8),
                "pg_restore cannot read it whole", Arrays.copyOf(bytes, bytes.length * 2 / 3));
        for (Map.Entry<String, byte[]> one : bad.entrySet()) {
            Path dump = Files.write(home.resolve("bad.dump"), one.getValue());
            assertThatThrownBy(() -> dumps().restore(request("careful", "db"), credentials, dump)).as(one.getKey())
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("not a dump paasmaker.service.postgres imports").hasMessageContaining(one.getKey())
                    .hasMessageContaining("was not touched");
        }
        assertThat(query(credentials, "SELECT n FROM counter")).containsExactly("7");
    }

    @Test
    void aDumpThatFailsToLoadLeavesTheDataAsItWasAndQuotesPgRestore() throws Exception {
        PluginParameters credentials = provision("steady", "db");
        execute(credentials, "CREATE TABLE counter (n integer)", "INSERT INTO counter VALUES (5)");
        // A CHECK calling a function that reads a table restored after the checked one: a classic dump that
        // pg_dump writes whole and pg_restore cannot load.
        PluginParameters other = provision("tricky", "db");
        execute(other, "CREATE TABLE zzz_allowed (v integer)", "INSERT INTO zzz_allowed VALUES (1)",
                "CREATE FUNCTION allowed(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE"
                        + " AS 'SELECT EXISTS (SELECT 1 FROM public.zzz_allowed WHERE v = n)'",
                "CREATE TABLE checked (n integer CHECK (public.allowed(n)))", "INSERT INTO checked VALUES (1)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dumps().export(request("tricky", "db"), other, out);
        Path dump = Files.write(home.resolve("tricky.dump"), out.toByteArray());

        assertThatThrownBy(() -> dumps().restore(request("steady", "db"), credentials, dump))
                .isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("could not be imported into the service 'db' of steady")
                .hasMessageContaining("pg_restore (status 1) said").hasMessageContaining("checked")
                .hasMessageContaining("as it was before the import")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(credentials.string("password")));
        assertThat(query(credentials, "SELECT n FROM counter")).containsExactly("5");
        assertThat(query(credentials, "SELECT count(*) FROM pg_tables WHERE tablename = 'checked'")).containsExactly("0");
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
