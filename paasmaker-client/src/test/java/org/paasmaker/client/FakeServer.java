package org.paasmaker.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.paasmaker.api.rest.WireFixtures;

/**
 * A real HTTP server on a free loopback port that answers as Paasmaker's would: each route a canned
 * answer (often a wire fixture) or a handler of the test's; every request is kept, body and all, for the
 * test to check. An unknown route is a 404 problem. A test has one of its own and a client of it, both
 * closed once the test and its own {@code @AfterEach} are done:
 * <pre>{@code
 * @RegisterExtension
 * final FakeServer server = new FakeServer();
 * private final PaasmakerClient client = server.client();
 * }</pre>
 */
final class FakeServer implements AutoCloseable, AfterEachCallback {

    static final String TOKEN = "s3cr3t-token";

    /** One request as it arrived. */
    record Request(String method, String path, String query, Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Answers one request; the body was read already unless the route streams. */
    interface Handler {
        void handle(Request request, HttpExchange exchange) throws IOException;
    }

    private record Route(Handler handler, boolean streaming) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<PaasmakerClient> clients = new CopyOnWriteArrayList<>();

    FakeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of this server, closed with it. */
    PaasmakerClient client() {
        PaasmakerClient client = PaasmakerClient.builder().server(uri()).token(TOKEN)
                .reconnect(3, java.time.Duration.ofMillis(10)).build();
        clients.add(client);
        return client;
    }

    /** {@code path} is under {@code /api/v1/}, raw (percent-encoded as sent). */
    void answer(String method, String path, int status, String contentType, String body) {
        on(method, path, (request, exchange) -> send(exchange, status, contentType, body));
    }

    void fixture(String method, String path, int status, String fixture) {
        answer(method, path, status, "application/json", WireFixtures.read(fixture));
    }

    void on(String method, String path, Handler handler) {
        routes.put(method + " /api/v1/" + path, new Route(handler, false));
    }

    /** The handler reads the body itself, as it arrives. */
    void streaming(String method, String path, Handler handler) {
        routes.put(method + " /api/v1/" + path, new Route(handler, true));
    }

    List<Request> requests() {
        return requests;
    }

    Request last() {
        if (requests.isEmpty()) {
            throw new AssertionError("no request arrived");
        }
        return requests.get(requests.size() - 1);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            Route route = routes.get(key);
            byte[] body = route != null && route.streaming() ? new byte[0] : exchange.getRequestBody().readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            requests.add(request);
            if (route == null) {
                send(exchange, 404, "application/problem+json", "{\"type\": \"not-found\", \"title\": \"Not found\","
                        + " \"status\": 404, \"detail\": \"the fake server has no route " + key + "\", \"errors\": []}");
                return;
            }
            route.handler().handle(request, exchange);
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        clients.forEach(PaasmakerClient::close);
        server.stop(0);
        executor.shutdownNow();
    }
}
