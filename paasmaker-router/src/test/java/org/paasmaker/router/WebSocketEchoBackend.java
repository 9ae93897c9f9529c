package org.paasmaker.router;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A WebSocket server just big enough for one test: it accepts one handshake and answers each short
 * text frame with {@code echo: <text>}, until the client closes.
 */
final class WebSocketEchoBackend implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final Thread thread;

    WebSocketEchoBackend() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "websocket-echo");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String key = null;
            BufferedReader head = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            for (String line = head.readLine(); line != null && !line.isEmpty(); line = head.readLine()) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // The client waits for the 101 before it sends a frame, so the reader above buffered none.
            while (true) {
                int first = in.read();
                int second = in.read();
                if (first < 0 || (first & 0x0f) == 0x8) {
                    return;
                }
                int length = second & 0x7f;
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes(length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                byte[] reply = ("echo: " + new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                out.write(0x81);
                out.write(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // The test closed the server or the client went away.
        }
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
