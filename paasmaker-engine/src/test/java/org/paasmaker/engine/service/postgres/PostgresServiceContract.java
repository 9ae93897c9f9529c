package org.paasmaker.engine.service.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;

/**
 * What {@code paasmaker.service.postgres} does on any server: the managed one and an external one
 * both pass it. Each subclass gives the plugin's settings and the server's log; the plugin is
 * initialised once per class, and every service a test made is removed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PostgresServiceContract {

    protected Path home;
    protected PostgresServiceProvider provider;
    protected Service service;
    private final List<Made> made = new ArrayList<>();

    /** The plugin's settings for this server. */
    protected abstract Map<String, String> settings(Path home) throws Exception;

    /** Everything the server has logged so far. */
    protected abstract String serverLog() throws Exception;

    /** Stops what the subclass started (after the plugin is closed). */
    protected abstract void stopServer() throws Exception;

    @BeforeAll
    void initialisePlugin() throws Exception {
        home = Files.createTempDirectory("paasmaker-postgres-home-");
        provider = new PostgresServiceProvider();
        provider.init(PluginSettings.of(PostgresServiceProvider.ID, provider.settings(), settings(home), home));
        service = provider.create(null);
    }

    @AfterEach
    void removeWhatWasMade() {
        for (Made one : made) {
            service.remove(one.request, one.credentials);
        }
        made.clear();
    }

    @AfterAll
    void closePlugin() throws Exception {
        try {
            if (provider != null) {
                provider.close();
            }
            stopServer();
        } finally {
            Directories.deleteTree(home);
        }
    }

    protected PluginParameters provision(String application, String serviceName) {
        ServiceRequest request = request(application, serviceName);
        PluginParameters credentials = service.provision(request, Optional.empty());
        made.add(new Made(request, credentials));
        return credentials;
    }

    protected static ServiceRequest request(String application, String serviceName) {
        return new ServiceRequest(new ApplicationId(Math.abs(application.hashCode()) + 1L), application, "test",
                serviceName, PluginParameters.empty());
    }

    protected static Connection connect(PluginParameters credentials, String database) throws SQLException {
        return AdminConnection.open(credentials.string("hostname"), (int) credentials.integer("port"), database,
                credentials.string("username"), credentials.string("password"), 5, 30);
    }

    @Test
    void theCredentialsAreTheOriginalsAndOpenTheServicesOwnDatabase() throws SQLException {
        PluginParameters credentials = provision("blog", "maindb");

        assertThat(credentials.asMap()).containsOnlyKeys("protocol", "hostname", "port", "username", "database",
                "password");
        assertThat(credentials.string("protocol")).isEqualTo("pgsql");
        assertThat(credentials.string("database")).startsWith("blog_maindb_").isEqualTo(credentials.string("username"));
        assertThat(Base64.getUrlDecoder().decode(credentials.string("password"))).as("at least 128 random bits")
                .hasSizeGreaterThanOrEqualTo(16);
        try (Connection connection = connect(credentials, credentials.string("database"));
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
    void aLaterVersionGetsTheSameDatabaseAndItsData() throws SQLException {
        ServiceRequest request = request("wiki", "pages");
        PluginParameters first = provision("wiki", "pages");
        try (Connection connection = connect(first, first.string("database"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE page (title text)");
            statement.execute("INSERT INTO page VALUES ('home')");
        }

        PluginParameters again = service.provision(request, Optional.of(first));

        assertThat(again).isEqualTo(first);
        try (Connection connection = connect(again, again.string("database"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT title FROM page")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("home");
        }
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

    private record Made(ServiceRequest request, PluginParameters credentials) {
    }
}
