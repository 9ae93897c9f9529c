package org.paasmaker.war.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The test server's managed database servers as an operator reaches them: by the files the platform
 * keeps under {@code $PAASMAKER_HOME/services/} (each server's {@code port} and {@code admin-password},
 * 0600; PostgreSQL's {@code postmaster.pid}, MariaDB's {@code mariadbd.pid}), and as an application
 * does, with the credentials of {@code PM_SERVICES}: JDBC for PostgreSQL and MariaDB, RESP for Redis.
 */
final class ManagedServers {

    private ManagedServers() {
    }

    static Path postgresDirectory() {
        return ItServer.home().resolve("services").resolve("postgres");
    }

    static Path mysqlDirectory() {
        return ItServer.home().resolve("services").resolve("mysql");
    }

    static Path redisDirectory() {
        return ItServer.home().resolve("services").resolve("redis");
    }

    /** The postmaster's pid, from the first line of its {@code postmaster.pid}; empty while it has none. */
    static Optional<Long> postmasterPid() {
        return firstLineNumber(postgresDirectory().resolve("data").resolve("postmaster.pid"));
    }

    /** mariadbd's pid, from the pid file its settings name. */
    static Optional<Long> mariadbPid() {
        return firstLineNumber(mysqlDirectory().resolve("mariadbd.pid"));
    }

    /** The pid the platform recorded for a Redis service's server ({@code process/<name>.json}). */
    static Optional<Long> redisPid(String name) {
        Path record = redisDirectory().resolve("process").resolve(name + ".json");
        if (!Files.exists(record)) {
            return Optional.empty();
        }
        try {
            JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.toFile());
            return Optional.of(json.path("pid").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processes on this machine whose command line starts a server in the folder (its path among the words). */
    static List<ProcessHandle> serversIn(Path directory, String program) {
        String path = directory.toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().filter(c -> c.endsWith("/" + program)).isPresent())
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.contains(path)))
                .toList();
    }

    static Connection postgres(JsonNode credentials) throws SQLException {
        return postgres(credentials.path("port").asInt(), credentials.path("database").asText(),
                credentials.path("username").asText(), credentials.path("password").asText());
    }

    static Connection postgres(int port, String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?connectTimeout=10&socketTimeout=30", user, password);
    }

    static Connection mysql(JsonNode credentials) throws SQLException {
        return mysql(credentials.path("port").asInt(), credentials.path("database").asText(),
                credentials.path("username").asText(), credentials.path("password").asText());
    }

    static Connection mysql(int port, String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database
                + "?connectTimeout=10000&socketTimeout=30000", user, password);
    }

    /** The platform's superuser of its PostgreSQL server, {@code postgres}, with the password it keeps. */
    static Connection postgresAdmin() throws SQLException {
        return postgres(Integer.parseInt(read(postgresDirectory().resolve("port"))), "postgres", "postgres",
                read(postgresDirectory().resolve("admin-password")));
    }

    /** The platform's admin user of its MariaDB server, {@code paasmaker} on 127.0.0.1. */
    static Connection mysqlAdmin() throws SQLException {
        return mysql(Integer.parseInt(read(mysqlDirectory().resolve("port"))), "", "paasmaker",
                read(mysqlDirectory().resolve("admin-password")));
    }

    /** Whether the admin's query with the one parameter finds a row. */
    static boolean exists(Connection admin, String query, String parameter) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Sends the commands over one connection to the Redis service; each answer's first line. */
    static List<String> redis(JsonNode credentials, String... commands) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(credentials.path("hostname").asText(), credentials.path("port").asInt()),
                    5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> answers = new java.util.ArrayList<>();
            for (String command : commands) {
                String[] words = command.split(" ");
                StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
                for (String word : words) {
                    resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                            .append("\r\n");
                }
                out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = in.readLine();
                if (line != null && line.startsWith("$") && !line.equals("$-1")) {
                    line = in.readLine();
                }
                answers.add(line);
            }
            return answers;
        }
    }

    private static Optional<Long> firstLineNumber(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst().map(String::strip).filter(l -> l.matches("\\d+"))
                    .map(Long::parseLong);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the platform keeps no " + file, e);
        }
    }
}
