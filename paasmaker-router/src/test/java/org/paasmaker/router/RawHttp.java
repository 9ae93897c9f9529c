package org.paasmaker.router;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client connection speaking HTTP/1.1 by hand, so that a test controls every byte: any Host
 * header or none, several requests on one connection, HTTP/1.0.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public RawHttp(int port) throws IOException {
        this(InetAddress.getLoopbackAddress(), port);
    }

    /** To a router on another address, such as one of several on this machine's loopback addresses. */
    public RawHttp(InetAddress address, int port) throws IOException {
        socket = new Socket(address, port);
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** One GET on this connection. */
    public static Response get(int port, String host, String path) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.get(host, path);
        }
    }

    /** One GET on a connection to a router at {@code address}. */
    public static Response get(InetAddress address, int port, String host, String path) throws IOException {
        try (RawHttp http = new RawHttp(address, port)) {
            return http.get(host, path);
        }
    }

    public Response get(String host, String path) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    /** Sends a request head (with its blank line) and reads the response. */
    public Response exchange(String head) throws IOException {
        send(head);
        return read(head.startsWith("HEAD "));
    }

    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public OutputStream output() {
        return out;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public Response read(boolean head) throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + "," + b);
        }
        if (head || status == 204 || status == 304 || status < 200) {
            return new Response(status, headers, new byte[0]);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            in.transferTo(body);
        }
        return new Response(status, headers, body.toByteArray());
    }

    /**
     * Reads a chunked response's head and streams its body through {@code checksum} without keeping
     * it; returns the status and the body's length.
     */
    public long[] streamChunkedBody(java.util.zip.Checksum checksum) throws IOException {
        int status = Integer.parseInt(line().split(" ")[1]);
        boolean chunked = false;
        for (String line = line(); !line.isEmpty(); line = line()) {
            chunked |= line.toLowerCase(Locale.ROOT).equals("transfer-encoding: chunked");
        }
        if (!chunked) {
            throw new IOException("expected a chunked response, status " + status);
        }
        byte[] buffer = new byte[64 * 1024];
        long length = 0;
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            for (int left = size; left > 0;) {
                int read = in.read(buffer, 0, Math.min(left, buffer.length));
                if (read < 0) {
                    throw new EOFException("the connection closed in the middle of a chunk");
                }
                checksum.update(buffer, 0, read);
                left -= read;
                length += read;
            }
            line();
        }
        line();
        return new long[] {status, length};
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of a response; read: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    public boolean isClosedByPeer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
