package org.paasmaker.client.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * A Paasmaker server for the command line's tests: a real HTTP server on a free loopback port whose
 * routes answer canned bodies (often the api's wire fixtures) or Server-Sent Events. It keeps every
 * request; a route it was not given answers 404 as the server does, and a wrong token 401 (but for the login).
 * A test has one of its own, closed once the test and its own {@code @AfterEach} are done:
 * {@code @RegisterExtension final FakePaasmaker server = new FakePaasmaker();}.
 */
final class FakePaasmaker implements AutoCloseable, AfterEachCallback {

    static final String TOKEN = "t0ken";

    /** A request as it came: {@code GET /api/v1/workspaces}, its headers and body. */
    record Request(String method, String path, String query, String authorization, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One answer, written when its route is asked for. */
    interface Answer {
        void write(Request request, HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakePaasmaker() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * What the command line sees to reach this server: its address and token, {@code HOME} the test's
     * folder, and the given variables (name, value, ...) besides.
     */
    Map<String, String> environment(Path home, String... more) {
        Map<String, String> environment = new LinkedHashMap<>(Map.of("PAASMAKER_SERVER", url(),
                "PAASMAKER_TOKEN", TOKEN, "HOME", home.toString()));
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return Map.copyOf(environment);
    }

    /** {@code GET workspaces} (under {@code /api/v1/}) answers the JSON. */
    FakePaasmaker json(String method, String path, int status, String json) {
        routes.put(method + " /api/v1/" + path, (request, exchange) -> send(exchange, status,
                status >= 400 ? "application/problem+json" : "application/json", json));
        return this;
    }

    /** The route answers a wire fixture ({@code rest/<file>} of the api's test-jar). */
    FakePaasmaker fixture(String method, String path, int status, String file) {
        return json(method, path, status, WireFixtures.read(file));
    }

    FakePaasmaker text(String method, String path, String text) {
        routes.put(method + " /api/v1/" + path, (request, exchange) -> send(exchange, 200, "text/plain", text));
        return this;
    }

    /** The route answers a whole event stream, then closes it: events as name and JSON data, ids 1, 2, ... */
    FakePaasmaker events(String path, List<Map.Entry<String, String>> events) {
        routes.put("GET /api/v1/" + path, (request, exchange) -> {
            StringBuilder stream = new StringBuilder();
            int id = 0;
            for (Map.Entry<String, String> event : events) {
                stream.append("event: ").append(event.getKey()).append("\nid: ").append(++id).append("\ndata: ")
                        .append(event.getValue().replace("\n", " ")).append("\n\n");
            }
            send(exchange, 200, "text/event-stream", stream.toString());
        });
        return this;
    }

    FakePaasmaker on(String method, String path, Answer answer) {
        routes.put(method + " /api/v1/" + path, answer);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to a path, {@code "POST /api/v1/versions/8/start"}. */
    List<Request> requests(String method, String path) {
        return requests.stream().filter(request -> request.method().equals(method)
                && request.path().equals("/api/v1/" + path)).toList();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            requests.add(request);
            // The password login is the one path besides the health check that needs no token.
            if (!("Bearer " + TOKEN).equals(request.authorization()) && !request.path().equals("/api/v1/login")) {
                send(exchange, 401, "application/problem+json", "{\"type\": \"unauthorized\", \"title\": \"Unauthorized\","
                        + " \"status\": 401, \"detail\": \"the token is not this server's; use the one in"
                        + " $PAASMAKER_HOME/token or PAASMAKER_TOKEN\", \"errors\": []}");
                return;
            }
            Answer answer = routes.get(request.method() + " " + request.path());
            if (answer == null) {
                send(exchange, 404, "application/problem+json", "{\"type\": \"not-found\", \"title\": \"Not found\","
                        + " \"status\": 404, \"detail\": \"No route " + request.method() + " " + request.path()
                        + " in this test.\", \"errors\": []}");
                return;
            }
            answer.write(request, exchange);
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
