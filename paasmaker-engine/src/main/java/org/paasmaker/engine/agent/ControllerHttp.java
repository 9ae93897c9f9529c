package org.paasmaker.engine.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.Problem;
import org.paasmaker.engine.cluster.ClusterServer;
import org.paasmaker.engine.cluster.ClusterWire;
import org.paasmaker.engine.cluster.NodeToken;

/**
 * The agent's calls to the controller's cluster endpoint, with the node token. Plain
 * {@link HttpURLConnection} on purpose: {@code java.net.http.HttpClient} sets up TLS and its own threads
 * when it is made, some 16 MB of resident memory the idle agent does without.
 */
final class ControllerHttp {

    private static final int CONNECT_MILLIS = 5000;

    private final URI controller;
    private final NodeToken token;

    ControllerHttp(URI controller, NodeToken token) {
        this.controller = controller;
        this.token = token;
    }

    URI controller() {
        return controller;
    }

    /** What reads a successful answer's body. */
    @FunctionalInterface
    interface BodyReader {
        void read(InputStream body) throws IOException;
    }

    /** Sends {@code body} as JSON; an answer other than 2xx is thrown as the controller's error. */
    void send(String method, String path, Object body, Duration timeout) {
        exchange(method, path, ClusterWire.write(body), timeout, in -> in.readAllBytes());
    }

    /** GETs {@code path} and hands a successful answer's body to {@code reader}. */
    void get(String path, Duration timeout, BodyReader reader) {
        exchange("GET", path, null, timeout, reader);
    }

    private void exchange(String method, String path, byte[] body, Duration timeout, BodyReader reader) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) controller.resolve(ClusterServer.PREFIX + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_MILLIS);
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Authorization", token.header());
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                InputStream error = connection.getErrorStream();
                throw failure(status, error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8));
            }
            try (InputStream in = connection.getInputStream()) {
                reader.read(in);
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the controller at " + controller
                    + " cannot be reached: " + e, e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private PaasmakerException failure(int status, String text) {
        try {
            Problem problem = ClusterWire.read(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    Problem.class);
            if (problem.type() != null) {
                return ClusterWire.exception(problem);
            }
        } catch (PaasmakerException notAProblem) {
            // Said below.
        }
        return new PaasmakerException(ErrorCode.UNAVAILABLE, "the controller at " + controller + " answered " + status
                + ", which is not a Paasmaker controller's answer");
    }
}
