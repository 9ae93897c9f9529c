package org.paasmaker.router;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import org.paasmaker.api.routing.RouterHome;
import org.paasmaker.api.routing.RoutingTable;

/**
 * The training run of {@link RouterMain#CDS_TRAINING}: what every router does first, done once, so
 * that the classes it takes are in the archive instead of loaded and parsed while the router serves.
 * A table is pushed over the control channel (its JSON read, the table persisted), a request for its
 * hostname is relayed to an instance as bytes (a backend connection, the response's head read, the
 * access log), one for an unknown hostname is handed to Netty's codec and gets the 404 page, and the
 * health and statistics are read. Trained on the
 * 404 and the health alone, a router held 2 to 4 MB more after its first table and request, the
 * classes of the table's JSON and of the relay loaded into its metaspace (docs/benchmarks.md).
 */
final class CdsTraining {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final String ROUTED = "routed.cds-training.invalid";
    private static final byte[] INSTANCE_ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
            + "Connection: close\r\n\r\nok\n").getBytes(StandardCharsets.US_ASCII);

    private CdsTraining() {
    }

    /** @throws UncheckedIOException when the router does not answer as it would serve: the archive would miss classes */
    static void run(RouterHome home, int proxyPort, int controlPort) {
        String authorization = "Authorization: " + ControlServer.BEARER + home.secret() + "\r\n";
        try (ServerSocket instance = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerOnce(instance), "cds-training-instance");
            answering.setDaemon(true);
            answering.start();
            RoutingTable table = RoutingTable.of(1, List.of(Route.of(ROUTED,
                    List.of(new RouteTarget("127.0.0.1", instance.getLocalPort(), "cds-training", 1, "training")))));
            byte[] json = RoutingJson.write(table);
            expect(204, controlPort, "PUT /table", authorization + "Content-Type: application/json\r\nContent-Length: "
                    + json.length + "\r\n", json);
            expect(200, proxyPort, "GET /", "Host: " + ROUTED + "\r\n", new byte[0]);
            expect(404, proxyPort, "GET /", "Host: cds-training.invalid\r\n", new byte[0]);
            expect(200, controlPort, "GET /health", authorization, new byte[0]);
            expect(200, controlPort, "GET /stats", authorization, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("the training run cannot listen as an instance on loopback", e);
        }
    }

    /** The instance of the training's table: reads one request's head and answers it. */
    private static void answerOnce(ServerSocket instance) {
        try (Socket connection = instance.accept()) {
            connection.setSoTimeout(TIMEOUT_MILLIS);
            BufferedReader head = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.US_ASCII));
            String line;
            // The head ends with an empty line; a GET has no body to read after it.
            do {
                line = head.readLine();
            } while (line != null && !line.isEmpty());
            connection.getOutputStream().write(INSTANCE_ANSWER);
        } catch (IOException e) {
            // The relayed request then gets the router's 502, and the training fails on that.
        }
    }

    private static void expect(int status, int port, String requestLine, String headers, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\n" + (headers.contains("Host:") ? "" : "Host: 127.0.0.1\r\n") + headers
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // The answer, read to the end: the router closes after it.
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            String statusLine = answer.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            if (!statusLine.startsWith("HTTP/1.1 " + status + " ")) {
                throw new UncheckedIOException(new IOException("the training run's " + requestLine + " on port " + port
                        + " got '" + statusLine + "', not " + status));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the training run got no answer on port " + port, e);
        }
    }
}
