package org.paasmaker.engine.service.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceDumps;
import org.paasmaker.api.service.ServiceRequest;
import org.postgresql.PGConnection;
import org.paasmaker.engine.service.server.DatabaseNames;

/**
 * A database and a role of the same name per application service, the role owning the database and
 * the database closed to everyone else ({@code REVOKE ALL ... FROM PUBLIC}). The password never
 * travels as text in SQL: the driver sends the server a SCRAM-SHA-256 verifier computed here, so no
 * statement log or error message can show it. Credentials are the original's:
 * {@code protocol: pgsql, hostname, port, username, database, password}.
 */
final class PostgresService implements Service {

    static final String PROTOCOL = "pgsql";

    private final PostgresServer server;
    private final DatabaseNames names = new DatabaseNames();

    PostgresService(PostgresServer server) {
        this.server = server;
    }

    /**
     * A new database and role; or, for a service that has them, the same ones (made again with the same
     * name and password if they went missing, as after the server's data was restored elsewhere).
     */
    @Override
    public PluginParameters provision(ServiceRequest request, Optional<PluginParameters> existing) {
        String name = existing.flatMap(c -> c.findString("database")).map(DatabaseNames::check)
                .orElseGet(() -> names.name(request.applicationName(), request.serviceName()));
        String password = existing.flatMap(c -> c.findString("password")).orElseGet(names::password);
        server.asAdmin(connection -> {
            ensureRole(connection, name, password);
            ensureDatabase(connection, name);
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

    /** pg_dump's custom format, as {@link PostgresDumps} says. */
    @Override
    public Optional<ServiceDumps> dumps() {
        return Optional.of(new PostgresDumps(server));
    }

    /** Drops the database (ending its sessions) and then its role. */
    @Override
    public void remove(ServiceRequest request, PluginParameters credentials) {
        Optional<String> database = credentials.findString("database").map(DatabaseNames::check);
        Optional<String> role = credentials.findString("username").map(DatabaseNames::check);
        server.asAdmin(connection -> {
            try (Statement statement = connection.createStatement()) {
                if (database.isPresent()) {
                    statement.execute("DROP DATABASE IF EXISTS " + DatabaseNames.quoted(database.get()) + " WITH (FORCE)");
                }
                if (role.isPresent()) {
                    statement.execute("DROP ROLE IF EXISTS " + DatabaseNames.quoted(role.get()));
                }
            }
            return null;
        });
    }

    private static void ensureRole(Connection connection, String name, String password) throws SQLException {
        if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + DatabaseNames.quoted(name)
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper", "")) {
                // A CREATEROLE admin must be a member of the role to create a database it owns, and to drop it.
                statement.execute("GRANT " + DatabaseNames.quoted(name) + " TO current_user");
            }
        }
        connection.unwrap(PGConnection.class).alterUserPassword(name, password.toCharArray(), "scram-sha-256");
    }

    static void ensureDatabase(Connection connection, String name) throws SQLException {
        if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DatabaseNames.quoted(name) + " OWNER " + DatabaseNames.quoted(name));
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("REVOKE ALL ON DATABASE " + DatabaseNames.quoted(name) + " FROM PUBLIC");
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            if (query.contains("?")) {
                statement.setString(1, name);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
