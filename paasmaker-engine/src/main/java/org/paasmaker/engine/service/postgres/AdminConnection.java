package org.paasmaker.engine.service.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.postgresql.Driver;

/**
 * One admin connection to a PostgreSQL server, opened when first needed, opened again when it broke,
 * closed with the plugin or when idle ({@link #closeIfIdleFor}). The driver is called directly rather than through {@code DriverManager},
 * which does not see drivers inside a web application's class loader.
 */
final class AdminConnection implements AutoCloseable {

    /** Work done over the connection; its SQLException becomes a PaasmakerException naming the server. */
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final Supplier<String> password;
    // Guarded by this.
    private Connection connection;
    private long lastUse;

    AdminConnection(String host, int port, String database, String user, Supplier<String> password) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    synchronized <T> T use(Work<T> work) {
        try {
            if (connection == null || !connection.isValid(2)) {
                closeQuietly();
                connection = open(host, port, database, user, password.get(), 10, 300);
            }
            return work.apply(connection);
        } catch (SQLException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "PostgreSQL at " + host + ":" + port + " (as " + user
                    + "): " + e.getMessage(), e);
        } finally {
            lastUse = System.nanoTime();
        }
    }

    /** Closes the connection if no work used it for {@code idle}: its backend is a process of the server's. */
    synchronized void closeIfIdleFor(Duration idle) {
        if (connection != null && System.nanoTime() - lastUse >= idle.toNanos()) {
            closeQuietly();
        }
    }

    /** A connection of its own, for a caller that closes it. */
    static Connection open(String host, int port, String database, String user, String password,
            int connectTimeoutSeconds, int socketTimeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "paasmaker");
        properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not take the URL " + url);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a broken connection: nothing is left to release.
            }
            connection = null;
        }
    }
}
