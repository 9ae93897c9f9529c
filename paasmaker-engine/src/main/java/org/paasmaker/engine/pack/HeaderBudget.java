package org.paasmaker.engine.pack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps the bytes the tar reader may take while it reads one entry's headers. Commons Compress reads
 * a GNU long name or a pax header whole into memory, so a forged multi-gigabyte header would exhaust
 * the heap long before any byte limit on the files is reached.
 */
final class HeaderBudget extends FilterInputStream {

    /** A pax header with a 4 KiB path and link target needs about 10 KiB; legitimate ones stay far below. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private long allowance = Long.MAX_VALUE;
    private String after = "";

    HeaderBudget(InputStream in) {
        super(in);
    }

    /** From now on reads are headers, which follow the entry named (empty before the first entry). */
    void headersAfter(String entryName) {
        after = entryName;
        allowance = MAX_HEADER_BYTES;
    }

    /** From now on reads are an entry's content, which the extraction counts itself. */
    void content() {
        allowance = Long.MAX_VALUE;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            spend(1);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int read = super.read(bytes, offset, length);
        if (read > 0) {
            spend(read);
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = super.skip(count);
        spend(skipped);
        return skipped;
    }

    private void spend(long count) {
        allowance -= count;
        if (allowance < 0) {
            String where = after.isEmpty() ? "at its start" : "after entry " + Refusals.quote(after);
            throw Refusals.archive("the archive has more than " + MAX_HEADER_BYTES + " bytes of headers or padding "
                    + where + " (long names, pax headers, data in directory or link entries); the archive is refused");
        }
    }
}
