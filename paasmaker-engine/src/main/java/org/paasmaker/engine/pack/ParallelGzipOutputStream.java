package org.paasmaker.engine.pack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * Writes one standard single-member gzip stream while compressing on several threads, as pigz does:
 * the input is cut into blocks that {@link BlockCompressor} deflates on a thread pool of this stream's
 * own, and their outputs are written in order behind a gzip header and before the CRC32 and length
 * trailer. At most a few blocks per thread are in flight, so memory stays bounded however much is
 * written.
 *
 * <p>Closing finishes the gzip stream and always stops the threads, also after a failure. The
 * underlying stream is not closed: whoever opened it closes it.
 */
final class ParallelGzipOutputStream extends OutputStream {

    /** 128 KiB, as pigz: big enough that the 32 KiB dictionary and the flush markers cost little. */
    static final int BLOCK_SIZE = 128 * 1024;
    static final String THREAD_NAME_PREFIX = "paasmaker-gzip-";
    private static final int DICTIONARY_SIZE = 32 * 1024;
    private static final int BLOCKS_IN_FLIGHT_PER_THREAD = 4;
    private static final byte[] NO_DICTIONARY = new byte[0];

    private final OutputStream out;
    private final BlockCompressor compressor;
    private final ExecutorService workers;
    private final int maxInFlight;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private long length;
    private byte[] block = new byte[BLOCK_SIZE];
    private int filled;
    private byte[] dictionary = NO_DICTIONARY;
    private boolean broken;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, CompressionSettings settings) throws IOException {
        this.out = out;
        this.compressor = new BlockCompressor(settings.level());
        this.workers = Executors.newFixedThreadPool(settings.threads(), namedDaemonThreads());
        this.maxInFlight = settings.threads() * BLOCKS_IN_FLIGHT_PER_THREAD;
        try {
            out.write(header(settings.level()));
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, THREAD_NAME_PREFIX + count.incrementAndGet());
            // A stream its owner forgot to close must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }

    /** RFC 1952: deflate, no name, no time (the same tree packs to the same bytes), made on Unix. */
    private static byte[] header(int level) {
        byte extraFlags = (byte) (level == 9 ? 2 : level == 1 ? 4 : 0);
        return new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, extraFlags, 3};
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        ensureUsable();
        crc.update(bytes, offset, count);
        length += count;
        int remaining = count;
        int position = offset;
        while (remaining > 0) {
            int taken = Math.min(remaining, BLOCK_SIZE - filled);
            System.arraycopy(bytes, position, block, filled, taken);
            filled += taken;
            position += taken;
            remaining -= taken;
            if (filled == BLOCK_SIZE) {
                submit(false);
            }
        }
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("the gzip stream is closed");
        }
        if (broken) {
            throw new IOException("the gzip stream failed earlier and cannot be written any more");
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] data = block;
        int size = filled;
        byte[] primer = dictionary;
        // Every block but the last is full, so its tail is always a whole 32 KiB window.
        dictionary = Arrays.copyOfRange(data, size - Math.min(size, DICTIONARY_SIZE), size);
        inFlight.add(workers.submit(() -> compressor.compress(data, size, primer, last)));
        block = new byte[BLOCK_SIZE];
        filled = 0;
        while (inFlight.size() > maxInFlight) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        try {
            out.write(inFlight.removeFirst().get());
        } catch (InterruptedException e) {
            broken = true;
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            broken = true;
            throw new IOException("compressing a block failed: " + e.getCause(), e.getCause());
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** Writes what is buffered as the final block and the gzip trailer, then stops the threads. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!broken) {
                submit(true);
                while (!inFlight.isEmpty()) {
                    writeOldest();
                }
                out.write(trailer());
                out.flush();
            }
        } finally {
            release();
        }
    }

    private byte[] trailer() {
        long sum = crc.getValue();
        return new byte[] {
            (byte) sum, (byte) (sum >>> 8), (byte) (sum >>> 16), (byte) (sum >>> 24),
            (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)
        };
    }

    private void release() {
        inFlight.forEach(future -> future.cancel(true));
        inFlight.clear();
        workers.shutdownNow();
        try {
            // A block is a few milliseconds of CPU work, so this returns at once. The deflaters must not
            // be ended under a running block; should one still run, their cleaners free them later.
            if (workers.awaitTermination(1, TimeUnit.MINUTES)) {
                compressor.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
