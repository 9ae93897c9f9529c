package org.paasmaker.engine.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the reader. Unpacking inflates on
 * that thread while the reader's thread writes files, as {@code tar xzf} does with its gzip process.
 * Closing stops the thread, waiting for a read in progress to return, and then closes the source.
 *
 * <p>The thread is never interrupted: an interrupt during a read on a {@code FileChannel} (what
 * {@code Files.newInputStream} gives) closes the channel, which may be a stream its caller owns.
 */
final class ReadAheadInputStream extends InputStream {

    static final String THREAD_NAME = "paasmaker-unpack-read-ahead";

    /** A filled buffer; {@code length} -1 marks the end of the source, and {@code failure} its failure. */
    private record Chunk(byte[] bytes, int length, IOException failure) {
    }

    private final InputStream source;
    /** Unbounded only so that close() can always add the buffer that wakes the thread. */
    private final BlockingQueue<byte[]> empty;
    private final BlockingQueue<Chunk> filled;
    private final Thread reader;
    private volatile boolean stopping;
    private Chunk current;
    private int position;
    private boolean closed;

    ReadAheadInputStream(InputStream source, int chunkSize, int chunks) {
        this.source = source;
        this.empty = new LinkedBlockingQueue<>();
        this.filled = new ArrayBlockingQueue<>(chunks + 1);
        for (int i = 0; i < chunks; i++) {
            empty.add(new byte[chunkSize]);
        }
        this.reader = new Thread(this::readAhead, THREAD_NAME);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAhead() {
        Chunk last;
        try {
            int length;
            do {
                byte[] buffer = empty.take();
                if (stopping) {
                    return;
                }
                length = source.readNBytes(buffer, 0, buffer.length);
                filled.put(new Chunk(buffer, length == 0 ? -1 : length, null));
            } while (length > 0);
            return;
        } catch (InterruptedException e) {
            // Nothing here interrupts the thread; should something else, the reader must not wait forever.
            last = new Chunk(null, -1, new InterruptedIOException("reading ahead was interrupted"));
        } catch (IOException e) {
            last = new Chunk(null, -1, e);
        } catch (RuntimeException | Error e) {
            last = new Chunk(null, -1, new IOException("reading ahead failed: " + e, e));
        }
        // Room is left for this one: only as many chunks exist as the queue holds, less one.
        filled.add(last);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the read-ahead stream is closed");
        }
        if (length == 0) {
            return 0;
        }
        if (current == null || position >= current.length()) {
            if (!next()) {
                return -1;
            }
        }
        int count = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, bytes, offset, count);
        position += count;
        return count;
    }

    private boolean next() throws IOException {
        if (current != null) {
            if (current.failure() != null) {
                throw current.failure();
            }
            if (current.length() < 0) {
                return false;
            }
            empty.add(current.bytes());
        }
        try {
            current = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the archive's bytes");
        }
        position = 0;
        if (current.failure() != null) {
            throw current.failure();
        }
        return current.length() >= 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        empty.add(new byte[0]);
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
