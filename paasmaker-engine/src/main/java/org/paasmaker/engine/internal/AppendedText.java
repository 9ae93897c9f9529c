package org.paasmaker.engine.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what was appended to a file after a byte offset, as the job logs and instance logs are read
 * by those who follow them: they keep the offset, so each read costs what is new, not the whole file.
 */
public final class AppendedText {

    private AppendedText() {
    }

    /**
     * What a read found.
     *
     * @param from where the text starts in the file: the offset asked for, or 0 when the file had shrunk
     * @param next the offset of the first byte not read, where the next read starts
     */
    public record Read(long from, long next, String text) {

        public boolean isEmpty() {
            return next == from;
        }
    }

    /**
     * The text of the file from {@code offset} on, at most {@code maxBytes} of it. With
     * {@code wholeLines}, only up to the last newline read, so that a line still being written is read
     * whole later; a line longer than {@code maxBytes} comes in pieces all the same, cut between
     * characters, so that a writer that never ends a line is still followed. A file shorter than
     * {@code offset} was truncated (a log rotated by copy and truncation), and the read starts at 0; a
     * file that does not exist reads as empty.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public static Read read(Path file, long offset, int maxBytes, boolean wholeLines) throws IOException {
        if (offset < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("a read starts at 0 or later and takes at least a byte: " + offset + ", "
                    + maxBytes);
        }
        // svlogd renames its file and creates the next one: a file missing at the open may exist a moment later.
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(file, offset, maxBytes, wholeLines);
            } catch (FileNotFoundException e) {
                if (!Files.exists(file)) {
                    return new Read(0, 0, "");
                }
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Read readOnce(Path file, long offset, int maxBytes, boolean wholeLines) throws IOException {
        // Not a channel: an interrupted thread (a job being aborted, a server stopping) still reads.
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            long from = size < offset ? 0 : offset;
            int length = (int) Math.min(maxBytes, size - from);
            if (length == 0) {
                return new Read(from, from, "");
            }
            byte[] bytes = new byte[length];
            in.seek(from);
            int read = 0;
            for (int n; read < length && (n = in.read(bytes, read, length - read)) >= 0; ) {
                read += n;
            }
            int end = wholeLines || read < size - from ? cut(bytes, read, wholeLines, read == maxBytes) : read;
            return new Read(from, from + end, new String(bytes, 0, end, StandardCharsets.UTF_8));
        }
    }

    /**
     * Where to end the text: after the last newline (whole lines), or, when no newline is at hand in a
     * full read, before the character that the read cut in two.
     */
    private static int cut(byte[] bytes, int read, boolean wholeLines, boolean full) {
        if (wholeLines) {
            for (int i = read - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return i + 1;
                }
            }
            if (!full) {
                return 0;
            }
        }
        return characterBoundary(bytes, read);
    }

    /** The longest prefix of {@code bytes[0, length)} that ends between two UTF-8 characters. */
    private static int characterBoundary(byte[] bytes, int length) {
        int lead = length - 1;
        // A character is at most 4 bytes: its lead byte is among the last four.
        while (lead >= 0 && lead > length - 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < 0) {
            return length;
        }
        int b = bytes[lead] & 0xFF;
        int size = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return lead + size > length ? lead : length;
    }
}
