package org.paasmaker.router;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An instance that answers {@code ok} to every request on a keep-alive connection and counts the
 * connections its client opened and closed: what JDK HttpServer does not tell.
 */
final class KeepAliveBackend implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();

    KeepAliveBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    int opened() {
        return opened.get();
    }

    int closedByClient() {
        return closedByClient.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = server.accept();
                opened.incrementAndGet();
                threads.execute(() -> serve(socket));
            }
        } catch (IOException e) {
            // Closed by the test.
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    closedByClient.incrementAndGet();
                    return;
                }
                while (!line.isEmpty()) {
                    line = in.readLine();
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // The test closed the server meanwhile.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
