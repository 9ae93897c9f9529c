package org.paasmaker.router;

import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.api.routing.RouterHealth;
import org.paasmaker.api.routing.RouterHome;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The router process's control channel: HTTP on a loopback port, each call carrying
 * {@code Authorization: Bearer <secret>} with the secret from the owner-only file in the state
 * directory, so only the engine's user can drive it. The engine's {@code RouterProcess} is its client.
 * <ul>
 * <li>{@code GET /health}: {@link RouterHealth};</li>
 * <li>{@code GET /table}, {@code PUT /table}: the table served; a new one (persisted once accepted);</li>
 * <li>{@code POST /drain?limitMillis=N}: a new table, then the wait for the dropped targets
 * ({@link DrainResult});</li>
 * <li>{@code GET /stats}: {@link RouterStatistics}.</li>
 * </ul>
 */
final class ControlServer implements AutoCloseable {

    static final String AUTHORIZATION = "Authorization";
    static final String BEARER = "Bearer ";
    private static final int MAX_TABLE_BYTES = 256 << 20;

    private final Router router;
    private final AcceptedTables tables;
    private final RouterHome home;
    private final byte[] expected;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "router-control");
        thread.setDaemon(true);
        return thread;
    });

    ControlServer(AcceptedTables tables, RouterHome home) throws IOException {
        this.router = tables.router();
        this.tables = tables;
        this.home = home;
        this.expected = (BEARER + home.secret()).getBytes(StandardCharsets.US_ASCII);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst(AUTHORIZATION);
            if (authorization == null
                    || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.US_ASCII), expected)) {
                reply(exchange, 401, "text/plain", ("the router's control channel needs 'Authorization: Bearer <secret>'"
                        + " with the secret in " + home.file(RouterHome.SECRET)).getBytes(StandardCharsets.UTF_8));
                return;
            }
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            try {
                switch (call) {
                    case "GET /health" -> json(exchange, new RouterHealth(router.table().generation(), router.port(),
                            ProcessHandle.current().pid(), router.httpsPort()));
                    case "GET /table" -> json(exchange, router.table());
                    case "PUT /table" -> {
                        tables.accept(readTable(exchange));
                        reply(exchange, 204, null, new byte[0]);
                    }
                    case "POST /drain" -> {
                        Duration limit = limit(exchange);
                        tables.accept(readTable(exchange));
                        json(exchange, router.awaitDrained(limit));
                    }
                    case "GET /stats" -> json(exchange, router.statistics());
                    default -> reply(exchange, 404, "text/plain", ("the router's control channel has no " + call
                            + "; it has GET /health, GET and PUT /table, POST /drain, GET /stats")
                            .getBytes(StandardCharsets.UTF_8));
                }
            } catch (PaasmakerException e) {
                reply(exchange, e.code().httpStatus(), "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static RoutingTable readTable(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readNBytes(MAX_TABLE_BYTES + 1);
            if (bytes.length > MAX_TABLE_BYTES) {
                throw new IllegalArgumentException("a routing table is at most " + MAX_TABLE_BYTES + " bytes of JSON");
            }
            return RoutingJson.read(bytes, RoutingTable.class);
        }
    }

    private static Duration limit(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return RouterControl.DEFAULT_DRAIN_LIMIT;
        }
        Map<String, String> parameters = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        String millis = parameters.get("limitMillis");
        try {
            return millis == null ? RouterControl.DEFAULT_DRAIN_LIMIT : Duration.ofMillis(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limitMillis is a number of milliseconds, not '" + millis + "'");
        }
    }

    private static void json(HttpExchange exchange, Object value) throws IOException {
        reply(exchange, 200, "application/json", RoutingJson.write(value));
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type + (type.startsWith("text/") ? "; charset=utf-8" : ""));
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
