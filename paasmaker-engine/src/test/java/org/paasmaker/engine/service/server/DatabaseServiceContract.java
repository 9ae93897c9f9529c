package org.paasmaker.engine.service.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ServiceRequest;

/**
 * What a SQL database plugin does whichever database and server it is: credentials of the original's
 * keys that open the service's own database, and the same database with its data for a later version.
 * {@code MysqlServiceContract} and {@code PostgresServiceContract} extend it with what only their
 * database does.
 *
 * @param <P> the plugin
 */
public abstract class DatabaseServiceContract<P extends ServerServiceProvider<?>> extends PluginPerClass<P> {

    private final String protocol;

    /** {@code protocol} is the credentials' protocol ({@code mysql}, {@code pgsql}). */
    protected DatabaseServiceContract(String kind, Supplier<P> plugin, String protocol) {
        super(kind, plugin);
        this.protocol = protocol;
    }

    /** A connection to a database of the server as the service's user. */
    public abstract Connection open(PluginParameters credentials, String database) throws SQLException;

    @Test
    void theCredentialsAreTheOriginalsAndOpenTheServicesOwnDatabase() throws SQLException {
        PluginParameters credentials = provision("blog", "maindb");

        assertThat(credentials.asMap()).containsOnlyKeys("protocol", "hostname", "port", "username", "database",
                "password");
        assertThat(credentials.string("protocol")).isEqualTo(protocol);
        assertThat(credentials.string("database")).startsWith("blog_maindb_").isEqualTo(credentials.string("username"));
        assertThat(Base64.getUrlDecoder().decode(credentials.string("password"))).as("at least 128 random bits")
                .hasSizeGreaterThanOrEqualTo(16);
        try (Connection connection = open(credentials, credentials.string("database"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE counter (n integer)");
            statement.execute("INSERT INTO counter VALUES (41), (1)");
            try (ResultSet sum = statement.executeQuery("SELECT sum(n) FROM counter")) {
                assertThat(sum.next()).isTrue();
                assertThat(sum.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void aLaterVersionGetsTheSameDatabaseAndItsData() throws SQLException {
        ServiceRequest request = request("wiki", "pages");
        PluginParameters first = provision("wiki", "pages");
        try (Connection connection = open(first, first.string("database"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE page (title text)");
            statement.execute("INSERT INTO page VALUES ('home')");
        }

        PluginParameters again = service.provision(request, Optional.of(first));

        assertThat(again).isEqualTo(first);
        try (Connection connection = open(again, again.string("database"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT title FROM page")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("home");
        }
    }
}
