package org.paasmaker.war.rest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Liberty server that Maven started for the integration tests (liberty-maven-plugin, execution
 * start-it-server): where it answers, its data directory, the token it made there on first start, and
 * its stop and start by Liberty's own script.
 */
final class ItServer {

    private static final Duration READY_WITHIN = Duration.ofMinutes(2);
    private static final Duration SCRIPT_WITHIN = Duration.ofMinutes(3);

    private ItServer() {
    }

    static URI base() {
        return URI.create(property("paasmaker.it.url") + "/");
    }

    /** The port of the router process the test server started. */
    static int routerPort() {
        return Integer.parseInt(property("paasmaker.it.routerPort"));
    }

    /**
     * One request through the router for a hostname (which no resolver knows, so it goes in the Host
     * header), on a connection of its own: the status line and the body.
     */
    static String throughRouter(String hostname, String path) throws java.io.IOException {
        return throughRouter(routerPort(), hostname, path);
    }

    /** The same through the router on another port, such as another controller's. */
    static String throughRouter(int port, String hostname, String path) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + hostname
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * Stops the server with Liberty's own script, as an operator would. The router process and the
     * instances are not the server's: they run on.
     */
    static void stop() {
        int status = script("stop");
        if (status != 0) {
            throw new AssertionError("'server stop " + serverName() + "' exited with " + status + "; see " + scriptLog());
        }
    }

    /**
     * Starts it again with Liberty's own script, which reads the server directory the plugin wrote (its
     * bootstrap.properties and jvm.options): the same ports, data and settings as before.
     */
    static void start() {
        int status = script("start");
        if (status != 0) {
            throw new AssertionError("'server start " + serverName() + "' exited with " + status + "; see " + scriptLog());
        }
    }

    /** Whether Liberty's script finds the server running. */
    static boolean running() {
        return script("status") == 0;
    }

    /** Runs {@code wlp/bin/server <action> <server>}, its output appended to {@link #scriptLog()}; its exit status. */
    private static int script(String action) {
        Path wlp = wlp();
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, serverName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(scriptLog().toFile()));
        try {
            Process process = builder.start();
            // Writing nothing: a script that read its input must not wait for it.
            process.getOutputStream().close();
            if (!process.waitFor(SCRIPT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("'server " + action + " " + serverName() + "' took more than " + SCRIPT_WITHIN
                        + "; see " + scriptLog());
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + builder.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during 'server " + action + "'", e);
        }
    }

    /** Liberty's installation, whose bin/server starts the test server and any other. */
    static Path wlp() {
        return Path.of(property("paasmaker.it.wlp"));
    }

    static String serverName() {
        return property("paasmaker.it.server");
    }

    /** Next to the server's own logs, where a failed run's reader looks. */
    private static Path scriptLog() {
        return Path.of(property("paasmaker.it.wlp"), "usr", "servers", serverName(), "logs", "it-server-script.log");
    }

    static Path home() {
        return Path.of(property("paasmaker.it.home"));
    }

    static long maxUploadBytes() {
        return Long.parseLong(property("paasmaker.it.maxUploadBytes"));
    }

    static Path sample(String name) {
        return Path.of(property("paasmaker.samples")).resolve(name).toAbsolutePath().normalize();
    }

    /** Waits until the application answers its health check, then reads the token it generated. */
    static Api api() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest health = HttpRequest.newBuilder(base().resolve("api/v1/health")).timeout(Duration.ofSeconds(10)).build();
        await("the server at " + base() + " to answer its health check").atMost(READY_WITHIN)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return new Api(http, base().resolve("api/v1/"), token());
    }

    static String token() {
        try {
            return Files.readString(home().resolve("token")).strip();
        } catch (IOException e) {
            throw new AssertionError("the server made no token in " + home(), e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set; run the integration tests with mvn verify, which"
                    + " starts the server and sets it");
        }
        return value;
    }
}
