package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;

/**
 * What the managed servers' figures tests measure alike: time, a server's starts and memory, services
 * made and removed.
 */
public final class ServerFigures {

    private ServerFigures() {
    }

    /**
     * A server's processes' memory: RSS summed (shared pages counted in each process), PSS (shared pages
     * divided among the processes mapping them) and anonymous (each process's own heap and stacks, which
     * its end frees; not shared memory). Shared memory a process touched and no live one maps any longer,
     * such as shared buffers a closed PostgreSQL backend read, leaves PSS and RSS but stays allocated
     * while the server runs.
     */
    public record Memory(int processes, long rssKb, long pssKb, long anonymousKb) {
        @Override
        public String toString() {
            return String.format("%d process%s, RSS %.1f MB summed, PSS %.1f MB (shared pages counted once),"
                    + " anonymous %.1f MB", processes, processes == 1 ? "" : "es", rssKb / 1024.0, pssKb / 1024.0,
                    anonymousKb / 1024.0);
        }
    }

    /** The server's processes (it and its children) after a moment of rest: RSS summed (shared memory in each) and PSS. */
    public static Memory idleMemory(long server) throws IOException {
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        List<Long> pids = new ArrayList<>();
        pids.add(server);
        ProcessHandle.of(server).ifPresent(p -> p.children().forEach(child -> pids.add(child.pid())));
        long rss = 0;
        long pss = 0;
        long anonymous = 0;
        for (long pid : pids) {
            Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
            rss += field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
            pss += field(rollup, "Pss:");
            anonymous += field(rollup, "Anonymous:");
        }
        return new Memory(pids.size(), rss, pss, anonymous);
    }

    private static long field(Path file, String name) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(name)).findFirst()
                    .map(line -> Long.parseLong(Arrays.stream(line.split("\\s+")).skip(1).findFirst().orElse("0")))
                    .orElse(0L);
        }
    }

    /** What the figures tests open a connection of their service with. */
    public interface Connector {
        Connection open() throws SQLException;
    }

    /** A managed server's two starts: the first, which makes its directory, and one on that directory once stopped. */
    public record Starts(long firstNanos, long againNanos) {
    }

    /** Starts the server, stops it and starts it again on the directory its first start made (an engine's restart). */
    public static Starts startTwice(ManagedServer server) {
        long first = nanos(server::ensureRunning);
        server.stop(Duration.ofSeconds(10));
        return new Starts(first, nanos(server::ensureRunning));
    }

    /** How long each of a series of services took to make, and to remove. */
    public record Rounds(List<Long> makes, List<Long> removes) {
    }

    /** {@code rounds} services named {@code name0}, {@code name1}..., each made and removed at once, timed. */
    public static Rounds makeAndRemove(Service service, String name, int rounds) {
        List<Long> makes = new ArrayList<>();
        List<Long> removes = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ServiceRequest request = PluginHome.request(i + 1, name + i);
            PluginParameters[] made = new PluginParameters[1];
            makes.add(nanos(() -> made[0] = service.provision(request, Optional.empty())));
            removes.add(nanos(() -> service.remove(request, made[0])));
        }
        return new Rounds(makes, removes);
    }

    /**
     * The server's memory with a small application's {@code connections} open after its work
     * ({@link #smallLoad}); they are closed after the measure.
     */
    public static Memory withSmallLoad(long server, int connections, int rows, Connector connector)
            throws SQLException, IOException {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                open.add(connector.open());
            }
            smallLoad(open, rows);
            return idleMemory(server);
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }

    /**
     * A small application's work on a database: a table, {@code rows} inserts and as many selects by key,
     * spread round-robin over the connections (each its own session, as an application's pool has).
     */
    private static void smallLoad(List<Connection> connections, int rows) throws SQLException {
        try (Statement statement = connections.get(0).createStatement()) {
            statement.execute("CREATE TABLE figures (id integer PRIMARY KEY, body varchar(200) NOT NULL)");
        }
        for (int i = 0; i < rows; i++) {
            try (PreparedStatement insert = connections.get(i % connections.size())
                    .prepareStatement("INSERT INTO figures (id, body) VALUES (?, ?)")) {
                insert.setInt(1, i);
                insert.setString(2, "row " + i + " of a small application's table, some text to store");
                insert.executeUpdate();
            }
        }
        for (int i = 0; i < rows; i++) {
            try (PreparedStatement select = connections.get(i % connections.size())
                    .prepareStatement("SELECT body FROM figures WHERE id = ?")) {
                select.setInt(1, (i * 7) % rows);
                try (ResultSet result = select.executeQuery()) {
                    if (!result.next()) {
                        throw new SQLException("row " + (i * 7) % rows + " is missing");
                    }
                }
            }
        }
        try (Statement statement = connections.get(0).createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*), max(length(body)) FROM figures")) {
            result.next();
            if (result.getInt(1) != rows) {
                throw new SQLException("the table holds " + result.getInt(1) + " rows, not " + rows);
            }
        }
    }

    public static long nanos(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    public static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    public static long max(List<Long> values) {
        return values.stream().max(Long::compare).orElseThrow();
    }

    public static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
