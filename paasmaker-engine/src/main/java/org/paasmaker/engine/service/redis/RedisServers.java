package org.paasmaker.engine.service.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.process.DetachedLauncher;
import org.paasmaker.engine.process.LaunchSpec;
import org.paasmaker.engine.process.LaunchedProcess;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.service.server.OperatorSettings;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServiceServer;
import org.paasmaker.engine.service.server.ServerFiles;
import org.paasmaker.engine.service.server.ServerKind;

/**
 * The platform's redis-servers, one per service, under {@code $PAASMAKER_HOME/services/redis}: a folder
 * per service ({@code <name>/}: {@code redis.conf}, written before each start, with the password;
 * {@code data/}, its append-only file; {@code redis.log}; {@code port}) and {@code process/}, their
 * records. Each runs detached as the redis user (when the platform is root), on 127.0.0.1 and a port of
 * its own from the range, with {@code requirepass} and a small {@code maxmemory}; it outlives the engine,
 * is found again from its record by the next one, and {@link #maintain()} starts it again if it died.
 * A first start that fails stops what it started and deletes the service's folder, its error quoting
 * the server's own log lines.
 */
final class RedisServers implements ServiceServer {

    /** A service's server. */
    record Server(String name, int port, String password) {
    }

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    /** What the platform reaches a server by, and what would open it to others or rename the commands it sends. */
    private static final Set<String> PINNED = Set.of("bind", "port", "requirepass", "dir", "protected-mode",
            "daemonize", "supervised", "logfile", "include", "unixsocket", "unixsocketperm", "user", "aclfile",
            "rename-command");

    private final RedisSettings settings;
    private final Consumer<String> warnings;
    private final RunAs runAs;
    private final Path directory;
    private final ProcessRecords records;
    private final DetachedLauncher launcher = new DetachedLauncher();
    private final ProcessGroupKiller killer = new ProcessGroupKiller();
    // Guarded by this.
    private final Map<String, Instant> nextAttempt = new HashMap<>();

    RedisServers(RedisSettings settings, Consumer<String> warnings) {
        this.settings = settings;
        this.warnings = warnings;
        this.runAs = RunAs.forServer(settings.systemUser(), ServerKind.REDIS);
        this.directory = settings.directory();
        this.records = new ProcessRecords(directory.resolve("process"), warnings);
    }

    String hostname() {
        return settings.hostname();
    }

    Path directory(String name) {
        return directory.resolve(name);
    }

    Path logFile(String name) {
        return directory(name).resolve("redis.log");
    }

    /** The service's server process, while it runs. */
    synchronized Optional<ProcessIdentity> process(String name) {
        if (!Files.isDirectory(directory.resolve("process"))) {
            return Optional.empty();
        }
        return records.find(name).map(ProcessRecord::identity).filter(ProcessIdentity::isAlive);
    }

    /** A new service's server: a folder, a free port of the range, started. */
    synchronized Server create(String name, String password) {
        boolean newRoot = !Files.exists(directory);
        Path folder = directory(name);
        try {
            makeRoot();
            Server server = new Server(name, freePort(), password);
            makeFolder(server);
            start(server);
            return server;
        } catch (RuntimeException e) {
            stopQuietly(name);
            ServerFiles.deleteQuietly(newRoot ? directory : folder, e);
            throw e;
        }
    }

    /** A service's server started, if it does not run; made again (empty) if its folder is gone. */
    synchronized Server ensure(String name, int port, String password) {
        Server server = new Server(name, port, password);
        if (process(name).isPresent()) {
            return server;
        }
        if (!Files.exists(directory(name).resolve("port"))) {
            warnings.accept("The Redis server of " + name + " had no folder at " + directory(name)
                    + "; making it again, empty, on its port " + port + ".");
            try {
                makeRoot();
                makeFolder(server);
            } catch (RuntimeException e) {
                ServerFiles.deleteQuietly(directory(name), e);
                throw e;
            }
        }
        start(server);
        return server;
    }

    RedisSettings settings() {
        return settings;
    }

    /**
     * Replaces the server's data with an RDB file: the server is stopped, its data folder set aside and
     * made again holding the file as the base of its append-only file (Redis 7's
     * {@code appendonlydir/}, whose manifest names it), and started, which loads it. If that start fails
     * (a file this redis-server cannot read), the set-aside data is put back and started; the error quotes
     * the server's log.
     */
    synchronized void replaceData(Server server, Path rdb) {
        ensure(server.name(), server.port(), server.password());
        Path data = directory(server.name()).resolve("data");
        Path before = directory(server.name()).resolve("data.before-import");
        stop(server.name(), Duration.ofSeconds(10));
        try {
            ServerFiles.deleteQuietly(before, new PaasmakerException(ErrorCode.INTERNAL, "unused"));
            Files.move(data, before);
            Path aof = data.resolve("appendonlydir");
            Files.createDirectories(aof);
            Files.copy(rdb, aof.resolve("appendonly.aof.1.base.rdb"));
            Files.writeString(aof.resolve("appendonly.aof.manifest"), "file appendonly.aof.1.base.rdb seq 1 type b\n");
            for (Path made : List.of(data, aof, aof.resolve("appendonly.aof.1.base.rdb"),
                    aof.resolve("appendonly.aof.manifest"))) {
                runAs.own(made);
            }
        } catch (IOException e) {
            PaasmakerException failure = new PaasmakerException(ErrorCode.INTERNAL, "cannot put the RDB file in place"
                    + " for the Redis server of " + server.name() + ": " + e.getMessage(), e);
            putBack(server, data, before, failure);
            throw failure;
        }
        try {
            start(server);
        } catch (PaasmakerException e) {
            stopQuietly(server.name());
            PaasmakerException failure = new PaasmakerException(ErrorCode.INVALID_REQUEST, "the Redis server of "
                    + server.name() + " did not start with the imported RDB file, so its earlier data was put back: "
                    + e.getMessage(), e);
            putBack(server, data, before, failure);
            throw failure;
        }
        ServerFiles.deleteQuietly(before, new PaasmakerException(ErrorCode.INTERNAL, "unused"));
    }

    /** The set-aside data back in place, and the server started on it; what fails is added to {@code failure}. */
    private void putBack(Server server, Path data, Path before, PaasmakerException failure) {
        try {
            if (Files.exists(before)) {
                if (Files.exists(data)) {
                    org.paasmaker.engine.internal.Directories.deleteTree(data);
                }
                Files.move(before, data);
            }
            start(server);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Stops the service's server and deletes its folder and record. */
    synchronized void remove(String name) {
        stop(name, Duration.ofSeconds(10));
        try {
            if (Files.exists(directory(name))) {
                org.paasmaker.engine.internal.Directories.deleteTree(directory(name));
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot delete the Redis server's folder "
                    + directory(name) + ": " + e.getMessage(), e);
        }
    }

    /** Starts again every server that died (each at most every 10 s after a failed attempt). */
    @Override
    public synchronized void maintain() {
        for (Path folder : folders()) {
            String name = folder.getFileName().toString();
            if (process(name).isPresent() || Instant.now().isBefore(nextAttempt.getOrDefault(name, Instant.MIN))) {
                continue;
            }
            try {
                Server server = new Server(name, Integer.parseInt(Files.readString(folder.resolve("port")).strip()),
                        Files.readString(folder.resolve("password")).strip());
                warnings.accept("The Redis server of " + name + " is not running; starting it again. Its log "
                        + logFile(name) + " may say why.");
                start(server);
                nextAttempt.remove(name);
            } catch (IOException | RuntimeException e) {
                nextAttempt.put(name, Instant.now().plus(RETRY_AFTER_FAILURE));
                warnings.accept("Could not start the Redis server of " + name + " again: " + e.getMessage());
            }
        }
    }

    /** Stops the service's server (SIGTERM, then SIGKILL) and forgets its record. */
    synchronized void stop(String name, Duration grace) {
        if (Files.isDirectory(directory.resolve("process"))) {
            records.find(name).filter(r -> r.identity().isAlive()).ifPresent(running -> {
                RunAs.run(List.of("/bin/kill", "-TERM", Long.toString(running.identity().pid())));
                long deadline = System.nanoTime() + grace.toNanos();
                while (running.identity().isAlive() && System.nanoTime() - deadline < 0) {
                    LockSupport.parkNanos(POLL.toNanos());
                }
                killer.stop(running.identity(), Duration.ofSeconds(2));
            });
            records.delete(name);
        }
    }

    private List<Path> folders() {
        List<Path> folders = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return folders;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.exists(entry.resolve("port")) && Files.exists(entry.resolve("password"))) {
                    folders.add(entry);
                }
            }
        } catch (IOException e) {
            warnings.accept("Cannot list the Redis servers in " + directory + ": " + e.getMessage());
        }
        return folders;
    }

    private void makeRoot() {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
            runAs.makeReachable(directory, warnings);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot make the Redis servers' directory "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    /** The service's folder, the server user's (0700), with its data folder, port and password. */
    private void makeFolder(Server server) {
        Path folder = directory(server.name());
        try {
            Files.createDirectories(folder.resolve("data"));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            runAs.own(folder);
            runAs.own(folder.resolve("data"));
            ServerFiles.writePrivate(folder.resolve("password"), server.password());
            ServerFiles.writePrivate(folder.resolve("port"), Integer.toString(server.port()));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot make the Redis server's folder " + folder
                    + ": " + e.getMessage(), e);
        }
    }

    /** The first port of the range that no other service's server has and nothing listens on. */
    private int freePort() {
        Set<Integer> taken = new HashSet<>();
        for (Path folder : folders()) {
            try {
                taken.add(Integer.parseInt(Files.readString(folder.resolve("port")).strip()));
            } catch (IOException | NumberFormatException e) {
                // A folder being made or removed: its port is not counted.
            }
        }
        for (int port = settings.firstPort(); port <= settings.lastPort(); port++) {
            if (!taken.contains(port) && bindable(port)) {
                return port;
            }
        }
        throw new PaasmakerException(ErrorCode.UNAVAILABLE, "every port of " + settings.firstPort() + "-"
                + settings.lastPort() + " (PAASMAKER_SERVICE_MANAGEDREDIS_PORTS) is taken; widen the range");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's settings, written before each start (the password among them: 0600, the server user's). */
    private Path writeConfiguration(Server server) throws IOException {
        String operators = OperatorSettings.appended(directory, ServerKind.REDIS, OperatorSettings.Syntax.REDIS, PINNED);
        Path folder = directory(server.name());
        Path file = folder.resolve("redis.conf");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, String.join("\n",
                "# Written by Paasmaker before each start of this server; change the",
                "# PAASMAKER_SERVICE_MANAGEDREDIS_* settings, or add your own to " + OperatorSettings.file(directory) + ",",
                "# rather than this file.",
                "bind 127.0.0.1",
                "protected-mode yes",
                "port " + server.port(),
                "daemonize no",
                "supervised no",
                "logfile \"\"",
                "dir \"" + folder.resolve("data") + "\"",
                "appendonly yes",
                "appendfsync everysec",
                "maxmemory " + settings.maxMemory(),
                "maxmemory-policy noeviction",
                "databases 16",
                // An export (redis-cli --rdb) is a replica's sync: start it at once, not after Redis' 5 s wait for more.
                "repl-diskless-sync-delay 0",
                "requirepass " + server.password(),
                "") + operators);
        runAs.own(file);
        return file;
    }

    private void start(Server server) {
        if (!Files.isExecutable(settings.binary())) {
            throw new PaasmakerException(ErrorCode.START_FAILED, settings.binary() + " is missing: install Debian's"
                    + " redis-server package (apt-get install redis-server), or set binary"
                    + " (PAASMAKER_SERVICE_MANAGEDREDIS_BINARY)");
        }
        Path conf;
        try {
            conf = writeConfiguration(server);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot write the Redis server's settings in "
                    + directory(server.name()) + ": " + e.getMessage(), e);
        }
        Path log = logFile(server.name());
        long logStart = ServerFiles.size(log);
        List<String> command = new ArrayList<>(runAs.prefix());
        command.addAll(List.of(settings.binary().toString(), conf.toString()));
        LaunchedProcess launched = launcher.launch(new LaunchSpec(command, directory(server.name()),
                Map.of("PATH", "/usr/bin:/bin", "LANG", "C"), log));
        ProcessRecord started = new ProcessRecord(server.name(), launched.identity(), server.port(),
                directory(server.name()), log, Instant.now());
        records.save(started);
        awaitReady(server, launched.identity(), log, logStart);
    }

    /** Until the server answers AUTH and PING. */
    private void awaitReady(Server server, ProcessIdentity identity, Path log, long logStart) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (true) {
            if (!identity.isAlive()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the Redis server of " + server.name() + " (pid "
                        + identity.pid() + ") exited before it answered on 127.0.0.1:" + server.port() + "; its log "
                        + log + " says:\n" + ServerFiles.logSince(log, logStart));
            }
            Optional<String> answer = ping(server);
            if (answer.filter(a -> a.equals("+OK\r\n+PONG\r\n")).isPresent()) {
                return;
            }
            if (answer.filter(a -> a.startsWith("-") && !a.startsWith("-LOADING")).isPresent()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the Redis server of " + server.name()
                        + " refuses the platform: " + answer.get().strip() + "; its log " + log + " says:\n"
                        + ServerFiles.logSince(log, logStart));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the Redis server of " + server.name() + " (pid "
                        + identity.pid() + ") did not answer on 127.0.0.1:" + server.port() + " within "
                        + settings.startTimeout().toSeconds() + " s (start_timeout); its log " + log + " says:\n"
                        + ServerFiles.logSince(log, logStart));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** AUTH and PING's answers, or nothing while the server does not listen. */
    private static Optional<String> ping(Server server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(resp("AUTH", server.password()));
            out.write(resp("PING"));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            int lines = 0;
            int c;
            while (lines < 2 && (c = in.read()) != -1) {
                answer.append((char) c);
                if (c == '\n') {
                    lines++;
                    if (answer.charAt(0) == '-') {
                        break;
                    }
                }
            }
            return Optional.of(answer.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] resp(String... words) {
        StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                    .append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void stopQuietly(String name) {
        try {
            stop(name, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            warnings.accept("Could not stop the Redis server of " + name + " that failed to start: " + e.getMessage());
        }
    }

    /** Nothing to release: the servers run on, for the next engine, as instances do. */
    @Override
    public void close() {
    }
}
