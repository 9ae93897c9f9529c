package org.paasmaker.engine.runtime.staticfiles;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Writes one line per request: time, method, path, status and body bytes sent, and why a response
 * broke off. The path is the raw one, which HttpServer has checked to hold no space or control
 * character; the query is left out because it may carry tokens.
 */
final class AccessLog extends Filter {

    private final PrintStream out;
    private final Clock clock;

    AccessLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        CountingOutputStream body = new CountingOutputStream(exchange.getResponseBody());
        exchange.setStreams(null, body);
        String failure = "";
        try {
            chain.doFilter(exchange);
        } catch (IOException | RuntimeException e) {
            failure = " aborted: " + e;
            throw e;
        } finally {
            out.println(clock.instant() + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " " + exchange.getResponseCode() + " " + body.count + failure);
        }
    }

    @Override
    public String description() {
        return "access log";
    }

    private static final class CountingOutputStream extends FilterOutputStream {

        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            // FilterOutputStream would pass the array on one byte at a time.
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
