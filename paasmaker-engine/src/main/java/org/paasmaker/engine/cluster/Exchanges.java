package org.paasmaker.engine.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.Problem;

/**
 * The HTTP side shared by the controller's cluster endpoint and the agents' node endpoint: every call
 * must carry the node token, answers are JSON, failures problem+json with their {@link ErrorCode}.
 */
public final class Exchanges {

    private Exchanges() {
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
