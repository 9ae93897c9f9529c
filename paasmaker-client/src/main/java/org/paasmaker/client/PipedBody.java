package org.paasmaker.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A request body written by another thread as it is read: the writer (packing a directory) runs at most
 * {@link #CHUNKS} chunks of {@link #CHUNK} bytes ahead of the reader (the HTTP client sending it), so a
 * body of any size takes a fixed amount of memory. When the writer fails, the reader's next read throws
 * {@link WriterFailed}, which aborts the request instead of sending a truncated body; when the reader
 * closes, the writer is stopped.
 */
final class PipedBody extends InputStream {

    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 8;

    /** Writes the body. */
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Thrown to the reader when the writer failed; the writer's exception is the cause. */
    static final class WriterFailed extends IOException {
        private static final long serialVersionUID = 1L;

        WriterFailed(Throwable cause) {
            super("the upload could not be written: " + cause.getMessage(), cause);
        }
    }

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private volatile Throwable failure;
    private volatile boolean closed;
    private final Future<?> writing;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    PipedBody(ExecutorService executor, Writer writer) {
        this.writing = executor.submit(() -> write(writer));
    }

    private void write(Writer writer) {
        try (ChunkOutput out = new ChunkOutput()) {
            writer.writeTo(out);
        } catch (Throwable e) {
            failure = e;
        }
        try {
            chunks.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended || closed) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the upload to be packed");
            }
            position = 0;
            if (current == END) {
                ended = true;
                if (failure != null) {
                    throw new WriterFailed(failure);
                }
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }

    /** Stops the writer if it still writes. */
    @Override
    public void close() {
        closed = true;
        writing.cancel(true);
        chunks.clear();
    }

    /** Hands full chunks to the reader, waiting while it is {@link #CHUNKS} behind. */
    private final class ChunkOutput extends OutputStream {

        private byte[] chunk = new byte[CHUNK];
        private int filled;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int count = Math.min(length, CHUNK - filled);
                System.arraycopy(bytes, offset, chunk, filled, count);
                filled += count;
                offset += count;
                length -= count;
                if (filled == CHUNK) {
                    hand();
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (filled > 0) {
                hand();
            }
        }

        private void hand() throws IOException {
            if (closed) {
                throw new IOException("the upload stopped");
            }
            byte[] full = filled == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, filled);
            try {
                chunks.put(full);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("the upload stopped");
            }
            chunk = new byte[CHUNK];
            filled = 0;
        }
    }
}
