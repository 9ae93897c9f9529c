package org.paasmaker.engine.pack;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;

/**
 * Turns one block of a parallel gzip stream into raw deflate data that continues the blocks before it:
 * every block but the last ends byte-aligned (a sync flush), so the outputs joined in order are one
 * deflate stream. Priming each block with the 32 KiB before it lets back-references reach across
 * block borders, which keeps the size close to plain gzip's. Called from several threads at once.
 */
final class BlockCompressor implements AutoCloseable {

    /**
     * Random bytes measure about 7.9986 bits per byte over a 128 KiB block. Order-0 entropy misses what
     * deflate's back-references find, so the bar is high: measured on jars, blocks between 7.97 and
     * 7.99 bits still deflate by about 3%, blocks above 7.99 by about 1%.
     */
    private static final double INCOMPRESSIBLE_BITS_PER_BYTE = 7.99;
    /** Small blocks give too noisy an entropy estimate, and they cost little to deflate anyway. */
    private static final int SMALLEST_TESTED_BLOCK = 16 * 1024;
    private static final int MAX_STORED_BLOCK = 65_535;
    private static final double LOG_2 = Math.log(2);

    private final int level;
    /** Setting up a deflater allocates a few hundred KiB natively; reuse them across blocks. */
    private final Queue<Deflater> idle = new ConcurrentLinkedQueue<>();

    BlockCompressor(int level) {
        this.level = level;
    }

    /**
     * @param dictionary up to 32 KiB of the data just before this block, empty for the first block
     * @param last whether this block ends the stream (its deflate block then has BFINAL set)
     */
    byte[] compress(byte[] data, int length, byte[] dictionary, boolean last) {
        if (level == 0 || looksIncompressible(data, length)) {
            return stored(data, length, last);
        }
        Deflater deflater = borrow();
        try {
            return deflated(deflater, data, length, dictionary, last);
        } finally {
            deflater.reset();
            idle.add(deflater);
        }
    }

    private Deflater borrow() {
        Deflater deflater = idle.poll();
        return deflater != null ? deflater : new Deflater(level, true);
    }

    private static byte[] deflated(Deflater deflater, byte[] data, int length, byte[] dictionary, boolean last) {
        if (dictionary.length > 0) {
            deflater.setDictionary(dictionary);
        }
        deflater.setInput(data, 0, length);
        if (last) {
            deflater.finish();
        }
        byte[] out = new byte[length + length / 16 + 64];
        int written = 0;
        while (true) {
            if (written == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            int space = out.length - written;
            int produced = deflater.deflate(out, written, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
            written += produced;
            // A sync flush is complete once it leaves room in the buffer; a finish once zlib says so.
            if (last ? deflater.finished() : produced < space) {
                return Arrays.copyOf(out, written);
            }
        }
    }

    /**
     * Deflate's stored blocks: a byte with BFINAL and type 00 (the block starts byte-aligned, so the
     * padding bits are zero), the length and its complement, then the bytes as they are.
     */
    private static byte[] stored(byte[] data, int length, boolean last) {
        int blocks = Math.max(1, (length + MAX_STORED_BLOCK - 1) / MAX_STORED_BLOCK);
        byte[] out = new byte[length + 5 * blocks];
        int read = 0;
        int written = 0;
        for (int block = 0; block < blocks; block++) {
            int size = Math.min(MAX_STORED_BLOCK, length - read);
            out[written] = (byte) (last && block == blocks - 1 ? 1 : 0);
            out[written + 1] = (byte) size;
            out[written + 2] = (byte) (size >>> 8);
            out[written + 3] = (byte) ~size;
            out[written + 4] = (byte) (~size >>> 8);
            System.arraycopy(data, read, out, written + 5, size);
            read += size;
            written += 5 + size;
        }
        return out;
    }

    /** Order-0 entropy: cheap (one pass, no allocation to speak of) and it spots random or compressed data. */
    static boolean looksIncompressible(byte[] data, int length) {
        if (length < SMALLEST_TESTED_BLOCK) {
            return false;
        }
        int[] counts = new int[256];
        for (int i = 0; i < length; i++) {
            counts[data[i] & 0xff]++;
        }
        double nats = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / length;
                nats -= p * Math.log(p);
            }
        }
        return nats / LOG_2 > INCOMPRESSIBLE_BITS_PER_BYTE;
    }

    /** Ends the pooled deflaters; call only once no block is being compressed any more. */
    @Override
    public void close() {
        for (Deflater deflater = idle.poll(); deflater != null; deflater = idle.poll()) {
            deflater.end();
        }
    }
}
