package org.paasmaker.engine.routing;

import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RouterHealth;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The engine's side of a router process's control channel (the router module's {@code ControlServer}):
 * {@code GET /health}, {@code GET}/{@code PUT /table}, {@code POST /drain?limitMillis=N}, {@code GET /stats},
 * each with {@code Authorization: Bearer <secret>} from the router's home.
 */
final class ControlClient {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String secret;

    ControlClient(int port, String secret) {
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.secret = secret;
    }

    /** A router started before HTTPS (adopted after an upgrade) leaves {@code httpsPort} out: it has no HTTPS listener. */
    RouterHealth health() {
        return RoutingJson.read(RoutingJson.withDefault(call("GET", "health", null, CALL_TIMEOUT), "httpsPort", -1),
                RouterHealth.class);
    }

    RoutingTable table() {
        return RoutingJson.read(call("GET", "table", null, CALL_TIMEOUT), RoutingTable.class);
    }

    void update(RoutingTable table) {
        call("PUT", "table", RoutingJson.write(table), CALL_TIMEOUT);
    }

    DrainResult drain(RoutingTable table, Duration limit) {
        return RoutingJson.read(call("POST", "drain?limitMillis=" + limit.toMillis(), RoutingJson.write(table),
                CALL_TIMEOUT.plus(limit)), DrainResult.class);
    }

    RouterStatistics statistics() {
        return RoutingJson.read(call("GET", "stats", null, CALL_TIMEOUT), RouterStatistics.class);
    }

    private byte[] call(String method, String path, byte[] body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the router's control channel at " + base
                    + " did not answer " + method + " /" + path + ": " + e + "; check that the router process runs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted while calling the router at " + base, e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            ErrorCode code = switch (response.statusCode()) {
                case 400 -> ErrorCode.INVALID_REQUEST;
                case 401 -> ErrorCode.UNAUTHORIZED;
                case 409 -> ErrorCode.CONFLICT;
                default -> ErrorCode.INTERNAL;
            };
            throw new PaasmakerException(code, "the router refused " + method + " /" + path + " (" + response.statusCode()
                    + "): " + text);
        }
        return response.body();
    }
}
