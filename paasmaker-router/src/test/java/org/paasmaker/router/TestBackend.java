package org.paasmaker.router;

import org.paasmaker.api.routing.RouteTarget;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real instance for the router to route to, on a free loopback port (JDK HttpServer):
 * <ul>
 * <li>{@code /} answers its name and records the request's headers and client port;</li>
 * <li>{@code /echo} streams the request body back, chunked;</li>
 * <li>{@code /bytes?n=N} sends N bytes, chunked;</li>
 * <li>{@code /slow} answers only once {@link #releaseSlow()} is called.</li>
 * </ul>
 */
public final class TestBackend implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final CountDownLatch slowArrived = new CountDownLatch(1);

    /** One request as this backend saw it: the client's port (one per connection) and the headers. */
    public record Seen(String path, int clientPort, Map<String, List<String>> headers) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    private TestBackend(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static TestBackend start(String name) throws IOException {
        return new TestBackend(name);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String name() {
        return name;
    }

    public RouteTarget target(String application, int version) {
        return new RouteTarget("127.0.0.1", port(), application, version, name);
    }

    public List<Seen> seen() {
        return seen;
    }

    public void releaseSlow() {
        slowRelease.countDown();
    }

    public boolean awaitSlowArrived() throws InterruptedException {
        return slowArrived.await(30, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        seen.add(new Seen(path, exchange.getRemoteAddress().getPort(), Map.copyOf(exchange.getRequestHeaders())));
        try (exchange) {
            switch (path) {
                case "/echo" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                        in.transferTo(out);
                    }
                }
                case "/bytes" -> {
                    long n = Long.parseLong(exchange.getRequestURI().getQuery().split("&")[0].substring("n=".length()));
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        byte[] block = new byte[64 * 1024];
                        for (long sent = 0; sent < n; sent += block.length) {
                            out.write(block, 0, (int) Math.min(block.length, n - sent));
                        }
                    }
                }
                case "/slow" -> {
                    slowArrived.countDown();
                    try {
                        slowRelease.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    respond(exchange, name + " slow");
                }
                default -> {
                    exchange.getRequestBody().readAllBytes();
                    respond(exchange, name);
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        releaseSlow();
        server.stop(0);
        threads.shutdownNow();
    }
}
