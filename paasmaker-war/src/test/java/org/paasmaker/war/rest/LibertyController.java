package org.paasmaker.war.rest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One more Liberty server running the platform, beside the one Maven starts for the integration tests:
 * a copy of that server's directory (its server.xml, the configDropins that deploy the WAR, the JDBC
 * drivers) in a Liberty user directory of its own ({@code WLP_USER_DIR}), its settings in environment
 * variables as an operator's would be. It runs in the foreground, {@code bin/server run}, which execs
 * the JVM: the process held here is the server's JVM, so {@link #kill()} is a SIGKILL of the controller
 * itself, with no script between.
 *
 * <p>Its data directory, ports and logs are its own; its router process, which outlives it on purpose,
 * is not stopped with it (the test kills what runs under its directory).
 */
final class LibertyController implements AutoCloseable {

    private static final int BELOW_EPHEMERAL_FROM = 20_000;
    private static final int BELOW_EPHEMERAL_TO = 32_768;

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final String name;
    private final Path userDirectory;
    private final Path home;
    private final int httpPort;
    private final int routerPort;
    private final int clusterPort;
    private final Process process;

    private LibertyController(String name, Path userDirectory, Path home, int httpPort, int routerPort,
            int clusterPort, Process process) {
        this.name = name;
        this.userDirectory = userDirectory;
        this.home = home;
        this.httpPort = httpPort;
        this.routerPort = routerPort;
        this.clusterPort = clusterPort;
        this.process = process;
    }

    /**
     * Starts a controller named {@code name} under {@code directory}, on free ports, with the settings
     * given (the database, the tokens; each a {@code PAASMAKER_*} variable); its own home, ports and
     * {@code PAASMAKER_CONTROLLER_NAME} are added here. Returns at once: {@link #api} waits for it.
     */
    static LibertyController start(String name, Path directory, Map<String, String> settings) throws IOException {
        Path userDirectory = directory.resolve("wlp-" + name);
        Path server = userDirectory.resolve("servers").resolve(name);
        copyTestServer(server);
        Path home = Files.createDirectories(directory.resolve("home-" + name));
        int httpPort = freePort();
        int routerPort = freePort();
        int clusterPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(ItServer.wlp().resolve("bin/server").toString(), "run", name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(name + ".out").toFile()));
        Map<String, String> environment = builder.environment();
        // Nothing of the shell's platform, nor of Maven's server: only what is set here.
        environment.keySet().removeIf(key -> key.startsWith("PAASMAKER_") || key.startsWith("WLP_"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("WLP_USER_DIR", userDirectory.toString());
        environment.putAll(settings);
        environment.put("PAASMAKER_CONTROLLER_NAME", name);
        environment.put("PAASMAKER_HOME", home.toString());
        environment.put("PAASMAKER_HTTP_PORT", Integer.toString(httpPort));
        environment.put("PAASMAKER_ROUTER_PORT", Integer.toString(routerPort));
        environment.put("PAASMAKER_CLUSTER_PORT", Integer.toString(clusterPort));
        environment.put("PAASMAKER_CLUSTER_ADDRESS", "127.0.0.1");
        Process process = builder.start();
        process.getOutputStream().close();
        return new LibertyController(name, userDirectory, home, httpPort, routerPort, clusterPort, process);
    }

    /**
     * What the integration tests' server directory holds of the platform, as the plugin made it: its
     * server.xml and server.env, the JDBC drivers, the configDropins file that deploys the WAR and the
     * platform's JVM options (liberty-config/jvm.options: heap, collector), not the system properties the
     * plugin gave that server alone in its own jvm.options (its ports); of its
     * bootstrap.properties only where the WAR is. Not its logs, work area, transaction log or keys, which
     * are that running server's own, nor its SQL trace, which would only slow this one down.
     */
    private static void copyTestServer(Path target) throws IOException {
        Path template = ItServer.wlp().resolve("usr/servers").resolve(ItServer.serverName());
        for (String part : List.of("server.xml", "server.env", "jdbc", "configDropins/overrides/paasmaker-it.xml",
                "configDropins/defaults/jvm.options")) {
            try (Stream<Path> files = Files.walk(template.resolve(part))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(template.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.createDirectories(copy.getParent());
                        Files.copy(file, copy);
                    }
                }
            }
        }
        List<String> war = Files.readAllLines(template.resolve("bootstrap.properties")).stream()
                .filter(line -> line.startsWith("paasmaker.it.war=")).toList();
        Files.write(target.resolve("bootstrap.properties"), war);

    }

    String name() {
        return name;
    }

    /** The JVM's process id. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path home() {
        return home;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    int routerPort() {
        return routerPort;
    }

    /** Where node agents register and routers follow the routing table. */
    URI clusterUrl() {
        return URI.create("http://127.0.0.1:" + clusterPort);
    }

    /** Waits until it answers its health check (or fails at once if its JVM ended), then a client with the token. */
    Api api(String token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest health = HttpRequest.newBuilder(base().resolve("api/v1/health")).timeout(Duration.ofSeconds(10))
                .build();
        try {
            await("controller %s at %s to answer its health check (see %s)".formatted(name, base(), messages()))
                    .atMost(READY_WITHIN).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .failFast("controller " + name + "'s JVM ended", () -> !process.isAlive())
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (ConditionTimeoutException e) {
            // The server's directory is deleted when the test ends: what it said goes into the failure.
            throw new AssertionError(e.getMessage() + "; the end of its log:\n" + String.join("\n", lastLogLines(40)), e);
        }
        return new Api(http, base().resolve("api/v1/"), token);
    }

    private List<String> lastLogLines(int count) {
        try {
            List<String> lines = Files.readAllLines(messages());
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** Liberty's message log, where the platform's own log lines go too. */
    Path messages() {
        return userDirectory.resolve("servers").resolve(name).resolve("logs/messages.log");
    }

    /** The first line of its log that holds every one of {@code parts}, if one does yet. */
    Optional<String> logLine(String... parts) {
        try {
            if (!Files.exists(messages())) {
                return Optional.empty();
            }
            try (Stream<String> lines = Files.lines(messages())) {
                return lines.filter(line -> Stream.of(parts).allMatch(line::contains)).findFirst();
            }
        } catch (IOException | UncheckedIOException e) {
            // Liberty rolls its log over while it is read: the next look finds it.
            return Optional.empty();
        }
    }

    /** SIGKILL of the server's JVM, as a machine's sudden death would end it, and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("controller " + name + " (pid " + pid() + ") outlived its SIGKILL by 30 s");
        }
    }

    /** Kills it if it still runs: the test's data goes with it, so there is nothing to stop gently. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /**
     * A free port below Linux's range for outgoing connections (32768-60999). Liberty binds it seconds
     * later, and a port the kernel hands out for listening comes from that range: meanwhile it could be
     * taken as the local end of a connection (under load, the test's own), and the controller not start
     * ("The socket bind did not succeed ... The port might already be in use").
     */
    static int freePort() throws IOException {
        int range = BELOW_EPHEMERAL_TO - BELOW_EPHEMERAL_FROM;
        int offset = ThreadLocalRandom.current().nextInt(range);
        for (int i = 0; i < range; i++) {
            int port = BELOW_EPHEMERAL_FROM + (offset + i) % range;
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (BindException taken) {
                // Another one.
            }
        }
        throw new IOException("no free port between " + BELOW_EPHEMERAL_FROM + " and " + BELOW_EPHEMERAL_TO);
    }
}
