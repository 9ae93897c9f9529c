package org.paasmaker.engine.runtime.staticfiles;

import com.sun.net.httpserver.HttpExchange;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Sends status, headers and bodies within the rules of the JDK's HttpServer. */
final class Responses {

    /** Large enough that a file costs few system calls, small enough that no file is held whole. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private Responses() {
    }

    /**
     * Sends the status line and headers for a body of {@code length} bytes, and says whether the body
     * must follow. HttpServer reads a length of 0 as "chunked" and must be given -1 for a HEAD, so
     * both get -1 here, and a HEAD its Content-Length set by hand.
     */
    static boolean sendHeaders(HttpExchange exchange, int status, long length) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return false;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        return length > 0;
    }

    static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (sendHeaders(exchange, status, body.length)) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Streams {@code length} bytes of the file from {@code position}, one chunk in memory at a time. */
    static void sendFile(HttpExchange exchange, int status, FileChannel file, long position, long length) throws IOException {
        if (!sendHeaders(exchange, status, length)) {
            return;
        }
        OutputStream body = exchange.getResponseBody();
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, length)];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        long next = position;
        long remaining = length;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(chunk.length, remaining));
            int read = file.read(buffer, next);
            if (read < 0) {
                // The length is promised already: ending the connection is the only honest answer left.
                throw new EOFException("the file became shorter while it was sent");
            }
            body.write(chunk, 0, read);
            next += read;
            remaining -= read;
        }
    }
}
