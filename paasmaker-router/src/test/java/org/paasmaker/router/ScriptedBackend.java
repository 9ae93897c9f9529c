package org.paasmaker.router;

import org.paasmaker.api.routing.RouteTarget;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An instance whose every answer a test writes byte for byte: a thread per connection reads a request
 * head (and a Content-Length body), records it, and lets the script answer; then reads the next one,
 * until the script closes the connection or the router does. Counts the connections it accepted and
 * those the router closed, the two things a pool's reuse shows in.
 */
final class ScriptedBackend implements AutoCloseable {

    /** What the instance does with one request it read. */
    @FunctionalInterface
    interface Script {
        void answer(Exchange exchange) throws Exception;
    }

    /** One request as the instance read it: its connection (0 for the first accepted), its number on that connection. */
    record Request(int connection, int number, String head, byte[] body) {

        String path() {
            return head.split(" ", 3)[1];
        }

        /** The header lines as sent, in order, without the request line. */
        List<String> headerLines() {
            List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
            lines.remove(0);
            return lines;
        }

        /** The values of a header, in order, as sent (after the colon and its spaces). */
        List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String line : headerLines()) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).strip());
                }
            }
            return values;
        }
    }

    /** The script's side of one exchange. */
    final class Exchange {

        private final Request request;
        private final Socket socket;
        private boolean closed;

        private Exchange(Request request, Socket socket) {
            this.request = request;
            this.socket = socket;
        }

        Request request() {
            return request;
        }

        ScriptedBackend backend() {
            return ScriptedBackend.this;
        }

        Exchange send(String ascii) throws IOException {
            return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        Exchange send(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            return this;
        }

        /** One byte a write, a millisecond apart: the router reads the text in many pieces. */
        Exchange sendSlowly(String ascii) throws IOException, InterruptedException {
            for (byte b : ascii.getBytes(StandardCharsets.ISO_8859_1)) {
                send(new byte[] {b});
                Thread.sleep(1);
            }
            return this;
        }

        /** Closes the connection; the instance reads no more from it. */
        void close() throws IOException {
            closed = true;
            socket.close();
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByRouter = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closing;
    private final CountDownLatch acceptEnded = new CountDownLatch(1);

    ScriptedBackend(Script script) throws IOException {
        this.script = script;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    RouteTarget target(String instanceId) {
        return new RouteTarget("127.0.0.1", port(), "app", 1, instanceId);
    }

    String upstream() {
        return "127.0.0.1:" + port();
    }

    int accepted() {
        return accepted.get();
    }

    /** Connections the router closed (or reset) while the instance waited for a request or wrote. */
    int closedByRouter() {
        return closedByRouter.get();
    }

    List<Request> requests() {
        return requests;
    }

    List<String> paths() {
        return requests.stream().map(Request::path).toList();
    }

    /** Accepts no more connections: a new one is refused, as by an instance that stopped. */
    void stopListening() throws IOException, InterruptedException {
        server.close();
        // The kernel keeps listening until the thread blocked in accept() has left it: a connection made
        // before then would still be accepted.
        acceptEnded.await(10, TimeUnit.SECONDS);
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = server.accept();
                int connection = accepted.getAndIncrement();
                sockets.add(socket);
                threads.execute(() -> serve(socket, connection));
            }
        } catch (IOException e) {
            // Closed by close() or stopListening().
        } finally {
            acceptEnded.countDown();
        }
    }

    private void serve(Socket socket, int connection) {
        try {
            socket.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int number = 0; ; number++) {
                String head = readHead(in);
                if (head == null) {
                    closedByRouter.incrementAndGet();
                    return;
                }
                Request request = new Request(connection, number, head, readBody(in, head));
                requests.add(request);
                Exchange exchange = new Exchange(request, socket);
                script.answer(exchange);
                if (exchange.closed) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closing && !socket.isClosed()) {
                // A reset from the router while the instance read or wrote.
                closedByRouter.incrementAndGet();
            }
        } finally {
            sockets.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // Closing only.
            }
        }
    }

    /** The head with its blank line; null when the connection ended first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            last4 = last4 << 8 | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).strip()));
            }
        }
        return new byte[0];
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closing = true;
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
