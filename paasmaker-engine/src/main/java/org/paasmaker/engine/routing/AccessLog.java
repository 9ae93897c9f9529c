package org.paasmaker.engine.routing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * One JSON object per request, appended to a file: time, host, method, path (the query is left out,
 * it may carry tokens), status, response body bytes, upstream ({@code host:port}, or "-" when the
 * router answered itself), and duration in milliseconds. The event loops only queue an entry; one
 * thread formats and writes, flushing whenever the queue runs empty, so a slow disk never stalls a
 * request. When the queue is full the entry is dropped and counted rather than blocking a loop. The
 * file is opened for append, so it can be rotated by copy-and-truncate like the instances' logs.
 */
final class AccessLog implements AutoCloseable {

    private static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 512;

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
        try {
            while (!closing || !queue.isEmpty()) {
                Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (Entry entry : batch) {
                    line.setLength(0);
                    format(entry, line);
                    out.append(line);
                }
                batch.clear();
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            System.err.println("The router stopped writing its access log " + file + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void format(Entry entry, StringBuilder line) {
        int query = entry.uri().indexOf('?');
        line.append("{\"time\":\"").append(Instant.ofEpochMilli(entry.epochMillis())).append("\",\"host\":");
        quote(entry.host(), line);
        line.append(",\"method\":");
        quote(entry.method(), line);
        line.append(",\"path\":");
        quote(query < 0 ? entry.uri() : entry.uri().substring(0, query), line);
        line.append(",\"status\":").append(entry.status())
                .append(",\"bytes\":").append(entry.bytes())
                .append(",\"upstream\":");
        quote(entry.upstream(), line);
        line.append(",\"durationMillis\":").append(entry.durationNanos() / 1000 / 1000.0).append("}\n");
    }

    private static void quote(String text, StringBuilder line) {
        line.append('"');
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
        line.append('"');
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
