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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Checksum;

/**
 * A client connection that reads responses as the bytes they are: the status line and header lines
 * as sent, in order, and a chunked body with its framing as well as without (RawHttp reads them
 * into a map). For tests of what the router passes on and what it leaves out.
 */
final class ByteClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A response as it came: the body decoded, and the bytes that carried it (chunks and trailers included). */
    record Response(String statusLine, List<String> headers, byte[] body, byte[] wire) {

        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        String wireText() {
            return new String(wire, StandardCharsets.ISO_8859_1);
        }

        /** The values of a header, in order. */
        List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String line : headers) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).strip());
                }
            }
            return values;
        }

        /** The header names, in order, in lower case. */
        List<String> headerNames() {
            return headers.stream().map(line -> line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT)).toList();
        }
    }

    ByteClient(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    ByteClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** How long a read waits before it fails (20 s unless set). */
    ByteClient timeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return this;
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: app.com\r\n\r\n";
    }

    ByteClient send(String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** One byte a write, a millisecond apart: the router reads the head in many pieces. */
    ByteClient sendSlowly(String ascii) throws IOException, InterruptedException {
        for (byte b : ascii.getBytes(StandardCharsets.ISO_8859_1)) {
            out.write(b);
            out.flush();
            Thread.sleep(1);
        }
        return this;
    }

    Response exchange(String request) throws IOException {
        send(request);
        return read(request.startsWith("HEAD "));
    }

    /** A whole response; a body without length or chunks is read to the end of the connection. */
    Response read(boolean headRequest) throws IOException {
        Response head = readHead();
        int status = head.status();
        if (headRequest || status == 204 || status == 304 || status < 200) {
            return head;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        if (head.header("transfer-encoding").stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).endsWith("chunked"))) {
            while (true) {
                String sizeLine = line(wire);
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                byte[] data = bytes(size);
                body.write(data);
                wire.write(data);
                line(wire);
            }
            while (!line(wire).isEmpty()) {
                // trailers
            }
        } else if (!head.header("content-length").isEmpty()) {
            byte[] data = bytes(Integer.parseInt(head.header("content-length").get(0)));
            body.write(data);
            wire.write(data);
        } else {
            byte[] data = in.readAllBytes();
            body.write(data);
            wire.write(data);
        }
        return new Response(head.statusLine(), head.headers(), body.toByteArray(), wire.toByteArray());
    }

    /** The status line and header lines, up to the blank line; no body. */
    Response readHead() throws IOException {
        String statusLine = line(null);
        List<String> headers = new ArrayList<>();
        for (String line = line(null); !line.isEmpty(); line = line(null)) {
            headers.add(line);
        }
        return new Response(statusLine, headers, new byte[0], new byte[0]);
    }

    /**
     * Reads the body of the response whose head was read, by Content-Length or chunks, through
     * {@code checksum} without keeping it; returns its length.
     */
    long streamBody(Response head, Checksum checksum) throws IOException {
        boolean chunked = !head.header("transfer-encoding").isEmpty();
        long left = chunked ? 0 : Long.parseLong(head.header("content-length").get(0));
        long length = 0;
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            if (chunked && left == 0) {
                if (length > 0) {
                    line(null);
                }
                left = Long.parseLong(line(null).split(";")[0].strip(), 16);
                if (left == 0) {
                    while (!line(null).isEmpty()) {
                        // trailers
                    }
                    return length;
                }
            } else if (left == 0) {
                return length;
            }
            int read = in.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (read < 0) {
                throw new EOFException("the connection closed " + left + " bytes before the end of the body or chunk");
            }
            checksum.update(buffer, 0, read);
            left -= read;
            length += read;
        }
    }

    /** Exactly {@code n} bytes. */
    byte[] bytes(int n) throws IOException {
        byte[] read = in.readNBytes(n);
        if (read.length < n) {
            throw new EOFException("the connection closed after " + read.length + " of " + n + " bytes");
        }
        return read;
    }

    /** Reads what is left until the router closes the connection; throws if it does not within the socket's timeout. */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Whether the router closed the connection with nothing more sent; waits for a byte or the end. */
    boolean isClosedByRouter() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            // Reset: closed as well.
            return true;
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** One line without its CRLF; with {@code wire}, the line and its CRLF are also written there. */
    private String line(ByteArrayOutputStream wire) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of a line: " + line);
            }
            if (wire != null) {
                wire.write(c);
            }
            if (c == '\n') {
                break;
            }
            line.append((char) c);
        }
        if (line.length() == 0 || line.charAt(line.length() - 1) != '\r') {
            throw new IOException("a line that does not end with CRLF: " + line);
        }
        return line.substring(0, line.length() - 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
