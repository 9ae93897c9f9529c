package org.paasmaker.engine.service.mysql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceDumps;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.service.server.DatabaseNames;

/**
 * A database and a user of the same name per application service, the user granted everything on that
 * database alone. The password never travels as text in SQL: the server is given its
 * mysql_native_password hash computed here ({@code IDENTIFIED BY PASSWORD '*...'}), so no statement log
 * or error message can show it. Credentials are the original's:
 * {@code protocol: mysql, hostname, port, username, database, password}.
 */
final class MysqlService implements Service {

    static final String PROTOCOL = "mysql";
    /** Users may connect from anywhere the server lets them; a managed server listens on 127.0.0.1 only. */
    private static final String HOST = "'%'";

    private final MysqlServer server;
    private final DatabaseNames names = new DatabaseNames();

    MysqlService(MysqlServer server) {
        this.server = server;
    }

    /**
     * A new database and user; or, for a service that has them, the same ones (made again with the same
     * name and password if they went missing, as after the server's data was restored elsewhere).
     */
    @Override
    public PluginParameters provision(ServiceRequest request, Optional<PluginParameters> existing) {
        String name = existing.flatMap(c -> c.findString("database")).map(DatabaseNames::check)
                .orElseGet(() -> names.name(request.applicationName(), request.serviceName()));
        String password = existing.flatMap(c -> c.findString("password")).orElseGet(names::password);
        server.asAdmin(connection -> {
            try (Statement statement = connection.createStatement()) {
                createDatabase(statement, name);
                if (!userExists(connection, name)) {
                    statement.execute("CREATE USER " + user(name) + " IDENTIFIED BY PASSWORD '" + nativeHash(password)
                            + "'");
                }
                // In a GRANT's database name _ is a wildcard: escaped, the grant is on this database alone.
                statement.execute("GRANT ALL PRIVILEGES ON `" + DatabaseNames.check(name).replace("_", "\\_")
                        + "`.* TO " + user(name));
            }
            return null;
        });
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("protocol", PROTOCOL);
        credentials.put("hostname", server.hostname());
        credentials.put("port", server.port());
        credentials.put("username", name);
        credentials.put("database", name);
        credentials.put("password", password);
        return PluginParameters.of(credentials);
    }

    /** mariadb-dump's SQL, as {@link MysqlDumps} says. */
    @Override
    public Optional<ServiceDumps> dumps() {
        return Optional.of(new MysqlDumps(server));
    }

    /** Ends the user's sessions, drops the database, then the user. */
    @Override
    public void remove(ServiceRequest request, PluginParameters credentials) {
        Optional<String> database = credentials.findString("database").map(DatabaseNames::check);
        Optional<String> username = credentials.findString("username").map(DatabaseNames::check);
        server.asAdmin(connection -> {
            if (username.isPresent()) {
                List<Long> sessions = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM information_schema.processlist WHERE user = ?")) {
                    query.setString(1, username.get());
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            sessions.add(rows.getLong(1));
                        }
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    for (long session : sessions) {
                        try {
                            statement.execute("KILL CONNECTION " + session);
                        } catch (SQLException e) {
                            // The session ended meanwhile.
                        }
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                if (database.isPresent()) {
                    statement.execute("DROP DATABASE IF EXISTS " + DatabaseNames.backquoted(database.get()));
                }
                if (username.isPresent()) {
                    statement.execute("DROP USER IF EXISTS " + user(username.get()));
                }
            }
            return null;
        });
    }

    static void createDatabase(Statement statement, String name) throws SQLException {
        statement.execute("CREATE DATABASE IF NOT EXISTS " + DatabaseNames.backquoted(name)
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    private static String user(String name) {
        return "'" + DatabaseNames.check(name) + "'@" + HOST;
    }

    private static boolean userExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM mysql.user WHERE user = ? AND host = '%'")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** mysql_native_password's stored form: {@code *} and SHA1(SHA1(password)) in upper-case hex. */
    static String nativeHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().formatHex(sha1.digest(once)).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
