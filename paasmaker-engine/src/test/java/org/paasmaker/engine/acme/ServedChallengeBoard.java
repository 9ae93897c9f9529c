package org.paasmaker.engine.acme;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.engine.certificate.ChallengeBoard;

/**
 * For tests: a board whose challenges a JDK HTTP server answers at
 * {@code /.well-known/acme-challenge/<token>} on 127.0.0.1, as a router would; it remembers every
 * challenge posted. {@link #answering(boolean) answering(false)} makes it answer 404, like a
 * router that never got the table, and {@link #hold()} keeps requests waiting, like one that hangs.
 */
final class ServedChallengeBoard implements ChallengeBoard, AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final Map<String, AcmeChallenge> current = new ConcurrentHashMap<>();
    private final List<AcmeChallenge> posted = new CopyOnWriteArrayList<>();
    private volatile boolean answering = true;
    private volatile CountDownLatch held = new CountDownLatch(0);

    private ServedChallengeBoard(HttpServer server) {
        this.server = server;
    }

    static ServedChallengeBoard start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ServedChallengeBoard board = new ServedChallengeBoard(server);
        server.createContext("/", exchange -> {
            try {
                board.held.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = exchange.getRequestURI().getPath();
            AcmeChallenge challenge = path.startsWith(PREFIX) && board.answering
                    ? board.current.get(path.substring(PREFIX.length())) : null;
            byte[] body = (challenge == null ? "no such challenge" : challenge.keyAuthorization())
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(challenge == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return board;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void answering(boolean answer) {
        answering = answer;
    }

    /** Requests wait for {@link #release()} before they are answered, as from a router that hangs. */
    void hold() {
        held = new CountDownLatch(1);
    }

    void release() {
        held.countDown();
    }

    /** Every challenge posted so far, removed or not. */
    List<AcmeChallenge> posted() {
        return List.copyOf(posted);
    }

    /** The challenges posted and not yet removed. */
    Map<String, AcmeChallenge> current() {
        return Map.copyOf(current);
    }

    @Override
    public void post(AcmeChallenge challenge) {
        posted.add(challenge);
        current.put(challenge.token(), challenge);
    }

    @Override
    public void remove(AcmeChallenge challenge) {
        current.remove(challenge.token(), challenge);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
