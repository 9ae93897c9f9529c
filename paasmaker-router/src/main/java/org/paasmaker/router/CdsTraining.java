package org.paasmaker.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The training run of {@link RouterMain#CDS_TRAINING}: one request to the proxy (for no hostname: the
 * router's 404, its access log line) and one to the control channel (unauthorized), each read to its
 * end, so that the classes a router needs for its first answers are in the archive.
 */
final class CdsTraining {

    private static final int TIMEOUT_MILLIS = 10_000;

    private CdsTraining() {
    }

    static void askBoth(int proxyPort, int controlPort) {
        ask(proxyPort, "/");
        ask(controlPort, "/health");
    }

    private static void ask(int port, String path) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: cds-training.invalid\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // The answer, read to the end: the router closes after it.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the training run got no answer on port " + port, e);
        }
    }
}
