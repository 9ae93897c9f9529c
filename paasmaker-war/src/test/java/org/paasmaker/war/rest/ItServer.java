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

/**
 * The Liberty server that Maven started for the integration tests (liberty-maven-plugin, execution
 * start-it-server): where it answers, its data directory, and the token it made there on first start.
 */
final class ItServer {

    private static final Duration READY_WITHIN = Duration.ofMinutes(2);

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
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), routerPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + hostname
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
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
