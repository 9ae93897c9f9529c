package org.paasmaker.engine.routes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.engine.routing.RoutingJson;

/**
 * The route feed over HTTP, for the controller's cluster server:
 * {@code GET <path>?after=G&router=NAME[&inflight=K][&waitMillis=W]} with
 * {@code Authorization: Bearer <node token>} answers 200 with the whole latest table as JSON once it
 * is newer than G, or 204 when the wait (default and at most {@link RouteFeed#MAX_WAIT}) ran out.
 * {@code inflight} is how many targets dropped by earlier tables the router still has requests in
 * flight to (see {@link RouteFeed#awaitConfirmed}). Of several controllers sharing a store, only the
 * one that leads serves the feed; the others answer 503 naming the leader they know, and the router
 * moves on to the next controller it was given.
 *
 * <p>Each poll holds a thread of the server's executor while it waits: give the server one thread
 * per router, and some.
 */
public final class RouteFeedHandler implements HttpHandler {

    /** Where the controller's cluster endpoint serves it: a router's {@code --follow URL} adds it to the URL. */
    public static final String PATH = "/cluster/v1/routes";
    private static final int MAX_NAME_LENGTH = 200;

    private final RouteFeed feed;
    private final Predicate<String> tokens;
    private final Supplier<Optional<String>> notLeading;

    /** @param tokens whether a bearer token is one the controller gave a node */
    public RouteFeedHandler(RouteFeed feed, Predicate<String> tokens) {
        this(feed, tokens, Optional::empty);
    }

    /**
     * @param notLeading empty while this controller leads those sharing its store; else why it does not,
     *     naming the leader it knows: routers get it with a 503 and move on to the next controller
     */
    public RouteFeedHandler(RouteFeed feed, Predicate<String> tokens, Supplier<Optional<String>> notLeading) {
        this.feed = feed;
        this.tokens = tokens;
        this.notLeading = notLeading;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                text(exchange, 405, "the route feed answers GET only");
                return;
            }
            Optional<String> token = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
            if (token.isEmpty()) {
                text(exchange, 401, "the route feed needs 'Authorization: Bearer <node token>'; give the router the"
                        + " node token with --token-file");
                return;
            }
            if (!tokens.test(token.get())) {
                text(exchange, 401, "the controller knows no node token like the one this router sent; give it"
                        + " a node token this controller issued, with --token-file");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            // Before the poll, which would count the router among those the drains wait for.
            Optional<String> elsewhere = notLeading.get();
            if (elsewhere.isPresent()) {
                if (query.get("router") != null) {
                    feed.forget(query.get("router"));
                }
                text(exchange, 503, elsewhere.get());
                return;
            }
            Optional<RoutingTable> table;
            try {
                long after = number(query, "after", -1, Long.MAX_VALUE);
                String router = query.get("router");
                if (router == null || router.isBlank() || router.length() > MAX_NAME_LENGTH) {
                    throw new IllegalArgumentException("router=NAME is the router's name, 1 to " + MAX_NAME_LENGTH
                            + " characters, not " + (router == null ? "missing" : "'" + router + "'"));
                }
                int inflight = (int) number(query, "inflight", 0, Integer.MAX_VALUE);
                Duration wait = Duration.ofMillis(number(query, "waitMillis", RouteFeed.MAX_WAIT.toMillis(),
                        RouteFeed.MAX_WAIT.toMillis()));
                if (after < 0) {
                    throw new IllegalArgumentException("after=G, the generation the router serves (0 for none), is"
                            + " missing");
                }
                table = feed.poll(router, after, inflight, wait);
            } catch (IllegalArgumentException e) {
                text(exchange, 400, e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                text(exchange, 503, "the controller is stopping; poll again");
                return;
            }
            if (table.isEmpty()) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            byte[] body = RoutingJson.write(table.get());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** A check for one token, compared in constant time. */
    public static Predicate<String> token(String expected) {
        byte[] wanted = expected.getBytes(StandardCharsets.UTF_8);
        return given -> MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), wanted);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static long number(Map<String, String> query, String name, long otherwise, long max) {
        String text = query.get(name);
        if (text == null) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(name + " is 0 to " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is a whole number, not '" + text + "'");
        }
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
