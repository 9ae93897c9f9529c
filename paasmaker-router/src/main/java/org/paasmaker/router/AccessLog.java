package org.paasmaker.router;

import org.paasmaker.api.routing.AccessLogLimit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
    private static final int BUFFER_BYTES = 1 << 16;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path file;
    private final AccessLogLimit limit;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    /** Written by the writer thread alone, after the constructor. */
    private FileChannel out;
    /** The bytes in the file, not counting those in {@link #buffer}. */
    private long written;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
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
        AccessLogLine line = new AccessLogLine();
        try {
            while (!closing || !queue.isEmpty()) {
                queue.drainTo(batch, BATCH);
                if (batch.isEmpty()) {
                    flush();
                    // Polled, never waited on: an event loop's offer then never has a thread to wake.
                    LockSupport.parkNanos(IDLE_POLL_NANOS);
                    continue;
                }
                for (Entry entry : batch) {
                    line.encode(entry);
                    long held = written + buffer.position();
                    if (held > 0 && held + line.length() > limit.maxBytes()) {
                        rotate();
                    }
                    if (buffer.remaining() < line.length()) {
                        flush();
                    }
                    if (buffer.remaining() < line.length()) {
                        // Longer than the whole buffer (a very long path): written on its own.
                        buffer = ByteBuffer.allocate(line.length());
                    }
                    line.writeTo(buffer);
                }
                batch.clear();
            }
            flush();
        } catch (IOException e) {
            System.err.println("The router stopped writing its access log " + file + ": " + e.getMessage());
        }
    }

    /** Writes what the buffer holds to the file. */
    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            written += out.write(buffer);
        }
        if (buffer.capacity() > BUFFER_BYTES) {
            buffer = ByteBuffer.allocate(BUFFER_BYTES);
        } else {
            buffer.clear();
        }
    }

    private void open() throws IOException {
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        written = out.size();
    }

    /** access.log becomes access.log.1, .1 becomes .2, ...; the oldest kept is replaced, any older deleted. */
    private void rotate() throws IOException {
        flush();
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
