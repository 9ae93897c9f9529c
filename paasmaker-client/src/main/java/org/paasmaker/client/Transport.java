package org.paasmaker.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.rest.Problem;

/**
 * The HTTP under every resource: requests to {@code <server>/api/v1/...} with the token, answers read as
 * api records, and every failure turned into a {@link PaasmakerClientException} whose message a user can
 * act on.
 */
final class Transport {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";
    private static final String TEXT = "text/plain";
    private static final int MAX_ERROR_BODY = 256 * 1024;
    private static final String USER_AGENT = "paasmaker-client (Java " + Runtime.version().feature() + ")";

    private final URI server;
    private final URI api;
    private final Optional<String> token;
    private final HttpClient http;
    private final ExecutorService executor;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ObjectMapper json = Json.mapper();
    private final ReconnectPolicy reconnect;

    Transport(URI server, Optional<String> token, Duration connectTimeout, Duration requestTimeout,
            ReconnectPolicy reconnect, ExecutorService executor) {
        this.server = server;
        this.api = apiBase(server);
        this.token = token;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.reconnect = reconnect;
        this.executor = executor;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** {@code http://host:9080} and {@code http://host:9080/api/v1} both mean the API at {@code http://host:9080/api/v1/}. */
    static URI apiBase(URI server) {
        String text = server.toString();
        if (!text.endsWith("/")) {
            text += "/";
        }
        return text.endsWith("/api/v1/") ? URI.create(text) : URI.create(text).resolve("api/v1/");
    }

    URI server() {
        return server;
    }

    ExecutorService executor() {
        return executor;
    }

    ObjectMapper json() {
        return json;
    }

    ReconnectPolicy reconnect() {
        return reconnect;
    }

    // ---- paths -------------------------------------------------------------------------------------

    /** One path segment, percent-encoded, so that an id or a stub can never step to another path. */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "an empty id or name was given where one is needed");
        }
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }

    static String path(Object... segments) {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(segment instanceof String text ? segment(text) : String.valueOf(segment));
        }
        return path.toString();
    }

    /** {@code path?name=value&...}, the values percent-encoded; the names are the SDK's own. */
    static String query(String path, Map<String, ?> parameters) {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + "?" + parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(String.valueOf(entry.getValue()), StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    static Map<String, Object> parameters(Object... namesAndValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    // ---- requests ----------------------------------------------------------------------------------

    HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.resolve(path))
                .header("Accept", accept + ", " + Problem.MEDIA_TYPE)
                .header("User-Agent", USER_AGENT);
        token.ifPresent(value -> builder.header("Authorization", "Bearer " + value));
        return builder;
    }

    <T> T getJson(String path, Class<T> type) {
        return getJson(path, json.constructType(type));
    }

    <T> List<T> getList(String path, Class<T> element) {
        return getJson(path, json.getTypeFactory().constructCollectionType(List.class, element));
    }

    <T> T getJson(String path, JavaType type) {
        return readJson(send(request(path, JSON).timeout(requestTimeout).GET().build()), type);
    }

    /** The health check, which needs no token and is sent without one. */
    <T> T getOpen(String path, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).header("Accept", JSON)
                .header("User-Agent", USER_AGENT).timeout(requestTimeout).GET().build();
        return readJson(send(request), json.constructType(type));
    }

    String getText(String path) {
        HttpResponse<InputStream> response = send(request(path, TEXT).timeout(requestTimeout).GET().build());
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw broken(response.request(), e);
        }
    }

    <T> T sendJson(String method, String path, Object body, Class<T> answer) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(write(body));
        HttpRequest.Builder request = request(path, JSON).timeout(requestTimeout).method(method, publisher);
        if (body != null) {
            request.header("Content-Type", JSON);
        }
        HttpResponse<InputStream> response = send(request.build());
        if (answer == Void.class) {
            discard(response);
            return null;
        }
        return readJson(response, json.constructType(answer));
    }

    byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Sends the request; an answer of 400 or more becomes the exception it stands for. */
    HttpResponse<InputStream> send(HttpRequest request) {
        if (executor.isShutdown()) {
            throw new IllegalStateException("this PaasmakerClient is closed; build another to go on");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerClientException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the server at "
                    + server + " (" + request.method() + " " + request.uri().getPath() + ")", 0, e);
        }
        if (response.statusCode() >= 400) {
            throw error(response);
        }
        if (response.statusCode() >= 300) {
            discard(response);
            throw new PaasmakerClientException(ErrorCode.UNAVAILABLE, "the server at " + server + " answered "
                    + response.statusCode() + " (a redirect to " + response.headers().firstValue("Location").orElse("nowhere")
                    + ") instead of Paasmaker's API; give the address the API answers at with PAASMAKER_SERVER or --server",
                    response.statusCode(), (Throwable) null);
        }
        return response;
    }

    <T> T readJson(HttpResponse<InputStream> response, JavaType type) {
        String contentType = contentType(response);
        try (InputStream body = response.body()) {
            if (!contentType.isEmpty() && !isJson(contentType)) {
                throw notTheApi(response, "answered " + response.statusCode() + " with " + contentType, null);
            }
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw notTheApi(response, "answered " + response.statusCode() + " with JSON this client cannot read ("
                    + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw broken(response.request(), e);
        }
    }

    <T> T readJson(String text, Class<T> type, String what) {
        try {
            T value = json.readValue(text, type);
            if (value == null) {
                throw new PaasmakerClientException(ErrorCode.UNAVAILABLE, "the server at " + server + " sent " + what
                        + " with no data");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new PaasmakerClientException(ErrorCode.UNAVAILABLE, "the server at " + server + " sent " + what
                    + " that this client cannot read (" + e.getOriginalMessage() + ")", 0, e);
        }
    }

    static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // Nothing was expected in it.
        }
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip();
        return type.equals(JSON) || type.endsWith("+json");
    }

    // ---- failures ----------------------------------------------------------------------------------

    /** An error answer: its problem+json, or a message saying what came instead. */
    PaasmakerClientException error(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        String contentType = contentType(response);
        if (isJson(contentType)) {
            try {
                Problem problem = json.readValue(body, Problem.class);
                if (problem != null && (problem.type() != null || problem.detail() != null || problem.title() != null)) {
                    return PaasmakerClientException.of(problem, status, server, token.isPresent());
                }
            } catch (IOException e) {
                // Not a problem after all: described below like any other body.
            }
        }
        String what = contentType.isEmpty() ? (body.length == 0 ? "no body" : "a body of no type")
                : contentType.split(";", 2)[0].strip();
        if (status == 401) {
            return new PaasmakerClientException(ErrorCode.UNAUTHORIZED, PaasmakerClientException.unauthorized(server,
                    token.isPresent()) + " (it answered 401 with " + what + ")", status, (Throwable) null);
        }
        if (status == 413) {
            return new PaasmakerClientException(ErrorCode.TOO_LARGE, "the upload is larger than the server at " + server
                    + " or a proxy in front of it accepts (413 with " + what + ")", status, (Throwable) null);
        }
        return new PaasmakerClientException(ErrorCode.UNAVAILABLE, "the server at " + server + " answered " + status
                + " with " + what + " instead of Paasmaker's problem+json: a proxy in front of it may be failing, or "
                + server + " is not a Paasmaker server (PAASMAKER_SERVER or --server)", status, (Throwable) null);
    }

    private PaasmakerClientException notTheApi(HttpResponse<?> response, String what, Throwable cause) {
        return new PaasmakerClientException(ErrorCode.UNAVAILABLE, "the server at " + server + " " + what
                + " where Paasmaker's API answers JSON (" + response.request().method() + " "
                + response.request().uri().getPath() + "); is " + server
                + " a Paasmaker server? Check PAASMAKER_SERVER or --server", response.statusCode(), cause);
    }

    /** No answer at all: the message says why, naming the server and what to check. */
    PaasmakerClientException unreachable(HttpRequest request, IOException e) {
        String reason;
        if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, java.net.UnknownHostException.class)) {
            reason = "the host name '" + request.uri().getHost() + "' is unknown";
        } else if (e instanceof HttpConnectTimeoutException) {
            reason = "no connection within " + seconds(connectTimeout);
        } else if (e instanceof HttpTimeoutException) {
            return new PaasmakerClientException(ErrorCode.UNAVAILABLE, "the server at " + server + " did not answer "
                    + request.method() + " " + request.uri().getPath() + " within " + seconds(requestTimeout)
                    + "; is it overloaded, or is something in between holding the request?", 0, e);
        } else if (e instanceof ConnectException) {
            reason = "the connection was refused";
        } else {
            return broken(request, e);
        }
        return new PaasmakerClientException(ErrorCode.UNAVAILABLE, "cannot reach the Paasmaker server at " + server
                + " (" + reason + "): is the server running, and is that its address? Set it with PAASMAKER_SERVER or --server",
                0, e);
    }

    /** A connection that broke during an exchange. */
    PaasmakerClientException broken(HttpRequest request, IOException e) {
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? "it closed" : e.getMessage();
        return new PaasmakerClientException(ErrorCode.UNAVAILABLE, "the connection to the server at " + server
                + " broke during " + request.method() + " " + request.uri().getPath() + " (" + reason
                + "); is the server still running?", 0, e);
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

}
