package org.paasmaker.engine.service.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;
import org.mariadb.jdbc.Driver;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * One admin connection to a MariaDB server, opened when first needed, opened again when it
 * broke, closed with the plugin. The driver is called directly rather than through
 * {@code DriverManager}, which does not see drivers inside a web application's class loader.
 */
final class MariadbConnection implements AutoCloseable {

    /** Work done over the connection; its SQLException becomes a PaasmakerException naming the server. */
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final String host;
    private final int port;
    private final String user;
    private final Supplier<String> password;
    // Guarded by this.
    private Connection connection;

    MariadbConnection(String host, int port, String user, Supplier<String> password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    synchronized <T> T use(Work<T> work) {
        try {
            if (connection == null || !connection.isValid(2)) {
                closeQuietly();
                connection = open(host, port, "", user, password.get(), 10, 300);
            }
            return work.apply(connection);
        } catch (SQLException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "MariaDB at " + host + ":" + port + " (as " + user
                    + "): " + e.getMessage(), e);
        }
    }

    /** A connection of its own, for a caller that closes it; {@code database} may be empty. */
    static Connection open(String host, int port, String database, String user, String password,
            int connectTimeoutSeconds, int socketTimeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds * 1000));
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds * 1000));
        String url = "jdbc:mariadb://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("the MariaDB driver does not take the URL " + url);
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
