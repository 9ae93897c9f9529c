package org.paasmaker.router;

import org.paasmaker.api.routing.AccessLogLimit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * request. When the queue is full the entry is dropped and counted rather than blocking a loop.
 *
 * <p>The same thread keeps the file to its {@link AccessLogLimit}: before a line would take the file
 * past its size, it renames the file {@code access.log.1} (shifting the older ones, the oldest kept
 * one replaced) and opens a new one. So the cap holds at any request rate, with no second process:
 * the one writer rotates exactly when it writes, as svlogd does for instances, which need it only
 * because their output is not written by our code.
 */
final class AccessLog implements AutoCloseable {

    private static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 512;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path file;
    private final AccessLogLimit limit;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    /** Written by the writer thread alone, after the constructor. */
    private Writer out;
    private long written;
    private final Thread writer;
    private volatile boolean closing;

    /** A finished request. */
    record Entry(long epochMillis, String host, String method, String uri, int status, long bytes, String upstream,
            long durationNanos) {
    }

    AccessLog(Path file, AccessLogLimit limit) {
        this.file = file;
        this.limit = limit;
        try {
            open();
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
                    long bytes = utf8Length(line);
                    if (written > 0 && written + bytes > limit.maxBytes()) {
                        rotate();
                    }
                    out.append(line);
                    written += bytes;
                }
                batch.clear();
                unflushed = true;
            }
            out.flush();
        } catch (IOException e) {
            System.err.println("The router stopped writing its access log " + file + ": " + e.getMessage());
        }
    }

    private void open() throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 1 << 16);
        written = Files.size(file);
    }

    /** access.log becomes access.log.1, .1 becomes .2, ...; the oldest kept is replaced, any older deleted. */
    private void rotate() throws IOException {
        out.close();
        for (int n = limit.kept() + 1; Files.deleteIfExists(rotated(n)); n++) {
            // Left by a router that kept more.
        }
        for (int n = limit.kept(); n >= 1; n--) {
            Path from = n == 1 ? file : rotated(n - 1);
            if (Files.exists(from)) {
                Files.move(from, rotated(n), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        open();
    }

    /** The {@code n}th newest renamed file. */
    Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** The bytes the line takes in UTF-8, counted rather than encoded twice. */
    private static long utf8Length(CharSequence line) {
        long bytes = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                // Two bytes up to U+07FF, three above; a surrogate pair's two chars take four.
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
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
