package org.paasmaker.engine.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Properties;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.Problem;

/**
 * The HTTP side shared by the controller's cluster endpoint and the agents' node endpoint: every call
 * must carry the node token, answers are JSON, failures problem+json with their {@link ErrorCode}.
 */
public final class Exchanges {

    /** The JDK's switch for Nagle's algorithm on its HTTP server's connections, read once, at its first server. */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private Exchanges() {
    }

    /**
     * The JDK HTTP server that serves either side, with Nagle's algorithm off unless the JVM was told
     * otherwise. With it on, each answer's body waits for the caller's delayed acknowledgement of its
     * headers: some 40 ms a call on a connection kept open, for every report and node verb.
     */
    public static HttpServer server(InetSocketAddress address, int backlog) throws IOException {
        noDelayUnlessSet(System.getProperties());
        return HttpServer.create(address, backlog);
    }

    static void noDelayUnlessSet(Properties properties) {
        if (properties.getProperty(NO_DELAY) == null) {
            properties.setProperty(NO_DELAY, "true");
        }
    }

    /** What one path does; its failures become problem+json. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /**
     * The handler behind a token check: a call without the token is refused with a 401 that says the
     * node token is wrong and where the serving side has it set, and the handler never sees it.
     *
     * @param side who serves, as the error names it ("the controller")
     */
    public static HttpHandler guarded(NodeToken token, String side, Handler handler) {
        return exchange -> {
            try (exchange) {
                try {
                    if (!token.authorizes(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        exchange.getRequestBody().readAllBytes();
                        throw new PaasmakerException(ErrorCode.UNAUTHORIZED, "the node token is wrong or missing: "
                                + side + " has its token from " + token.origin()
                                + "; give the controller and its node agents the same token");
                    }
                    handler.handle(exchange);
                } catch (PaasmakerException e) {
                    problem(exchange, e);
                } catch (RuntimeException e) {
                    problem(exchange, new PaasmakerException(ErrorCode.INTERNAL, String.valueOf(e.getMessage()), e));
                }
            }
        };
    }

    public static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json", ClusterWire.write(value));
    }

    public static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }

    /** A failure's problem+json, unless the answer has begun (then the connection just ends). */
    static void problem(HttpExchange exchange, PaasmakerException e) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        send(exchange, e.code().httpStatus(), Problem.MEDIA_TYPE,
                ClusterWire.write(Problem.of(e.code(), e.getMessage(), List.of())));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The path's segments after {@code prefix}: {@code /node/v1/instances/ID/log} after {@code /node/v1/} is [instances, ID, log]. */
    public static List<String> segments(HttpExchange exchange, String prefix) {
        String path = exchange.getRequestURI().getPath();
        String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        return rest.isEmpty() ? List.of() : List.of(rest.split("/", -1));
    }

    public static PaasmakerException notFound(HttpExchange exchange) {
        return new PaasmakerException(ErrorCode.NOT_FOUND, "no " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI().getPath() + " here");
    }
}
