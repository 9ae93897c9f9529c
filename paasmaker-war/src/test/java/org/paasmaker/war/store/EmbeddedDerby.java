package org.paasmaker.war.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * An embedded Derby database in a directory, and the store's persistence unit on it, as plain Java
 * SE opens it: connection properties instead of the server's data source. {@link #close()} closes
 * every factory it opened and shuts the database down, so its files are released for deletion and
 * the next test (or the next open of the same directory) boots it afresh.
 */
final class EmbeddedDerby implements AutoCloseable {

    static {
        // Derby writes one log per JVM, by default into the working directory; keep it with the build.
        System.setProperty("derby.stream.error.file", Path.of("target", "derby.log").toAbsolutePath().toString());
    }

    private final String path;
    private final List<EntityManagerFactory> factories = new ArrayList<>();

    EmbeddedDerby(Path directory) {
        this.path = directory.resolve("db").toAbsolutePath().toString();
    }

    /** A store on the database, created on first use. */
    JpaStore openStore() {
        return new JpaStore(openFactory());
    }

    /**
     * The store's persistence unit on the database, its schema migrated first as the server's start does. The unit names the server's data source, which
     * EclipseLink looks up in JNDI even when JDBC URL properties are given; a DataSource object in the
     * property takes its place, so the tests go through the same data-source path as the server.
     */
    EntityManagerFactory openFactory() {
        return openFactory(Map.of());
    }

    /** The same, with more of the unit's properties (EclipseLink's logging, say). */
    EntityManagerFactory openFactory(Map<String, Object> properties) {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(path);
        dataSource.setCreateDatabase("create");
        SchemaMigrations.migrate(dataSource, "jdbc:derby:" + path);
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.put("jakarta.persistence.nonJtaDataSource", dataSource);
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(JpaStore.PERSISTENCE_UNIT, all);
        factories.add(factory);
        return factory;
    }

    /** Sets a Derby property of this database (a lock time-out, say), as a database administrator would. */
    void setDatabaseProperty(String name, String value) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:derby:" + path + ";create=true");
                CallableStatement call = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
            call.setString(1, name);
            call.setString(2, value);
            call.execute();
        }
    }

    /** Runs one SQL statement on the database, as a migration script or an older server's schema would. */
    void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:derby:" + path + ";create=true");
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Closes the factories and shuts the database down, as a server's stop would; it can be opened again. */
    @Override
    public void close() {
        factories.forEach(EntityManagerFactory::close);
        factories.clear();
        try {
            DriverManager.getConnection("jdbc:derby:" + path + ";shutdown=true").close();
            throw new IllegalStateException("Derby did not shut down " + path);
        } catch (SQLException e) {
            // 08006 is how Derby reports a database it shut down; XJ004 one that was never booted.
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                throw new IllegalStateException("Derby could not shut down " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
