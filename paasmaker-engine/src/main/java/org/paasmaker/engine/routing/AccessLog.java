package org.paasmaker.engine.routing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * One JSON object per request, appended to a file: time, host, method, path (the query is left out,
 * it may carry tokens), status, response body bytes, upstream ({@code host:port}, or "-" when the
 * router answered itself), and duration in microseconds. The event loops only queue an entry; one
 * thread formats and writes, flushing whenever the queue runs empty, so a slow disk never stalls a
 * request. When the queue is full the entry is dropped and counted rather than blocking a loop. The
 * file is opened for append, so it can be rotated by copy-and-truncate like the instances' logs.
 */
final class AccessLog implements AutoCloseable {

    private static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 512;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path file;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Thread writer;
    private volatile boolean closing;

    /** A finished request. */
    record Entry(long epochMillis, String host, String method, String uri, int status, long bytes, String upstream,
            long durationNanos) {
    }

    AccessLog(Path file) {
        this.file = file;
        try {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot open the router's access log " + file + ": "
                    + e.getMessage() + "; check that its directory exists and can be written", e);
        }
        writer = new Thread(this::writeUntilClosed, "router-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void log(Entry entry) {
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Entries dropped because the writer fell behind. */
    long dropped() {
        return dropped.get();
    }

    private void writeUntilClosed() {
        List<Entry> batch = new ArrayList<>(BATCH);
        StringBuilder line = new StringBuilder(256);
        TimeFormat time = new TimeFormat();
        boolean unflushed = false;
        try {
            while (!closing || !queue.isEmpty()) {
                queue.drainTo(batch, BATCH);
                if (batch.isEmpty()) {
                    if (unflushed) {
                        out.flush();
                        unflushed = false;
                    }
                    // Polled, never waited on: an event loop's offer then never has a thread to wake.
                    LockSupport.parkNanos(IDLE_POLL_NANOS);
                    continue;
                }
                for (Entry entry : batch) {
                    line.setLength(0);
                    format(entry, time, line);
                    out.append(line);
                }
                batch.clear();
                unflushed = true;
            }
            out.flush();
        } catch (IOException e) {
            System.err.println("The router stopped writing its access log " + file + ": " + e.getMessage());
        }
    }

    static void format(Entry entry, TimeFormat time, StringBuilder line) {
        int query = entry.uri().indexOf('?');
        line.append("{\"time\":\"");
        time.append(entry.epochMillis(), line);
        line.append("\",\"host\":");
        quote(entry.host(), line);
        line.append(",\"method\":");
        quote(entry.method(), line);
        line.append(",\"path\":");
        quote(query < 0 ? entry.uri() : entry.uri().substring(0, query), line);
        line.append(",\"status\":").append(entry.status())
                .append(",\"bytes\":").append(entry.bytes())
                .append(",\"upstream\":");
        quote(entry.upstream(), line);
        line.append(",\"durationMicros\":").append(entry.durationNanos() / 1000).append("}\n");
    }

    /** ISO-8601 UTC with milliseconds; the part up to the second is made once per second, not per line. */
    static final class TimeFormat {

        private long second = Long.MIN_VALUE;
        private String prefix;

        void append(long epochMillis, StringBuilder line) {
            long current = Math.floorDiv(epochMillis, 1000);
            if (current != second) {
                second = current;
                prefix = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        LocalDateTime.ofEpochSecond(current, 0, ZoneOffset.UTC)) + ".";
            }
            int millis = Math.floorMod(epochMillis, 1000);
            line.append(prefix).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10)).append('Z');
        }
    }

    private static void quote(String text, StringBuilder line) {
        line.append('"');
        if (needsNoEscape(text)) {
            // The common case, appended in bulk: per-character appends cost a tenth of the router's CPU.
            line.append(text);
        } else {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    line.append('\\').append(c);
                } else if (c < 0x20) {
                    line.append(String.format("\\u%04x", (int) c));
                } else {
                    line.append(c);
                }
            }
        }
        line.append('"');
    }

    private static boolean needsNoEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot close the router's access log " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
