package org.paasmaker.engine.job;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paasmaker.engine.internal.AppendedText;

/**
 * One job's log, held to its {@link JobLogLimit} however much is written to it. It is one plain text
 * file, {@code <job id>.log}. While it fits, it is everything written, as written. When it would grow
 * past the limit, it is rewritten (to a temporary file moved over it, so a crash leaves the old one
 * whole) as its beginning (up to a quarter of the limit, ended at a line's end), one marker line
 * saying how many bytes were left out, and its newest quarter, started at a line's start; so it holds
 * between a quarter and the whole limit, and a cut copies at most half the limit for every half
 * written since the one before: a byte's worth of copying per byte written, at most. (For the moment
 * of a rewrite the new file, half the limit, lies beside the old; one a crash left is a {@code .tmp}
 * file, which the next engine deletes with the job records' own.)
 *
 * <p>Offsets are those of everything ever written, so they only grow, and a follower that keeps one
 * reads on where it stopped. A follower whose offset fell into the part left out reads the marker
 * line, with how much it missed, and goes on at the oldest byte kept. The marker line carries the
 * beginning's length, so a later engine finds the cut in the file alone. Every read and write holds
 * this object's lock, so none sees a rewrite half done.
 */
final class JobLog {

    private static final String MARKER_FORMAT =
            "[... %d bytes left out here: a job's log keeps its first %d bytes and its newest, up to "
                    + JobLogLimit.MAX_BYTES_VARIABLE + " in all ...]\n";
    private static final Pattern MARKER = Pattern.compile("\\[\\.\\.\\. (\\d+) bytes left out here: a job's log keeps"
            + " its first (\\d+) bytes and its newest, up to " + JobLogLimit.MAX_BYTES_VARIABLE + " in all \\.\\.\\.\\]\n");
    private static final int COPY_BUFFER = 1 << 16;

    private final Path file;
    private final long maxBytes;
    /** Guarded by this: where the middle was left out; empty while the log is whole. */
    private Optional<Cut> cut = Optional.empty();
    /** Guarded by this: false for a log an earlier engine wrote, until the file is looked at for a cut. */
    private boolean cutKnown;

    /**
     * Where the file left bytes out: the first {@code head} bytes written are its first bytes, then the
     * marker line ({@code markerLength} bytes), then the bytes written from offset {@code tail} on.
     */
    private record Cut(long head, long tail, int markerLength) {

        long filePosition(long offset) {
            return head + markerLength + offset - tail;
        }

        long length(long fileSize) {
            return fileSize - head - markerLength + tail;
        }
    }

    /**
     * @param fresh true for a log this engine just created (it has no cut); false for one an earlier engine
     *     wrote, whose cut is found in the file when first needed
     */
    JobLog(Path file, JobLogLimit limit, boolean fresh) {
        this.file = file;
        this.maxBytes = limit.maxBytes();
        this.cutKnown = fresh;
    }

    Path file() {
        return file;
    }

    /** How many bytes were ever written: where the next byte's offset is. */
    synchronized long length() throws IOException {
        long size = size();
        return cut().map(c -> c.length(size)).orElse(size);
    }

    /** Appends the bytes, leaving out the middle of the log when it would outgrow its limit. */
    synchronized void append(byte[] bytes, int offset, int length) throws IOException {
        // At most a quarter at a time, so a rewrite always finds the beginning in the file.
        int piece = (int) Math.min(maxBytes / 4, Integer.MAX_VALUE);
        for (int at = offset; at < offset + length; at += piece) {
            appendPiece(bytes, at, Math.min(piece, offset + length - at));
        }
    }

    /**
     * From {@code from} on, up to {@code maxBytes}; with {@code wholeLines}, up to the last newline. A
     * read never spans the cut: what lies before it, the marker and what follows it are read in turns.
     */
    synchronized LogText read(long from, int maxRead, boolean wholeLines) throws IOException {
        Optional<Cut> found = cut();
        if (found.isEmpty()) {
            AppendedText.Read read = AppendedText.read(file, from, maxRead, wholeLines);
            // Whole, a log only grows: a read that found it shorter than the offset found nothing new.
            return read.from() == from ? new LogText(read.text(), read.next()) : new LogText("", from);
        }
        Cut c = found.get();
        if (from < c.head()) {
            AppendedText.Read read = AppendedText.read(file, from, (int) Math.min(maxRead, c.head() - from), wholeLines);
            return new LogText(read.text(), read.next());
        }
        if (from < c.tail()) {
            String marker = from == c.head() ? text(c.head(), c.markerLength()) : marker(c.tail() - from, c.head());
            return new LogText(marker, c.tail());
        }
        long position = c.filePosition(from);
        if (position >= size()) {
            return new LogText("", from);
        }
        AppendedText.Read read = AppendedText.read(file, position, maxRead, wholeLines);
        return new LogText(read.text(), from + read.next() - position);
    }

    /** The log as the file holds it: whole, or its beginning, the marker line and its newest part. */
    synchronized String text() throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private void appendPiece(byte[] bytes, int offset, int length) throws IOException {
        long size = size();
        Optional<Cut> before = cut();
        if (size + length <= maxBytes) {
            // A stream, not a channel: an aborted job's interrupted thread still writes why it ended.
            try (OutputStream out = new FileOutputStream(file.toFile(), true)) {
                out.write(bytes, offset, length);
            }
            return;
        }
        long written = before.map(c -> c.length(size)).orElse(size);
        long head = before.isPresent() ? before.get().head() : headEnd(Math.min(size, maxBytes / 4));
        byte[] tailStart = new byte[(int) Math.min(maxBytes / 8, Integer.MAX_VALUE)];
        long tail = Math.max(head, written + length - maxBytes / 4);
        int window = readStream(before, size, tail, written, bytes, offset, length, tailStart);
        tail += lineStart(tailStart, window);
        byte[] marker = marker(tail - head, head).getBytes(StandardCharsets.UTF_8);
        boolean newlineFirst = head > 0 && byteAt(head - 1) != '\n';
        if (newlineFirst) {
            byte[] withNewline = new byte[marker.length + 1];
            withNewline[0] = '\n';
            System.arraycopy(marker, 0, withNewline, 1, marker.length);
            marker = withNewline;
        }
        rewrite(before, size, head, marker, tail, written, bytes, offset, length);
        cut = Optional.of(new Cut(head, tail, marker.length));
    }

    /** Writes the beginning, the marker and the newest bytes to a new file and moves it over the log. */
    private void rewrite(Optional<Cut> before, long size, long head, byte[] marker, long tail, long written,
            byte[] bytes, int offset, int length) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + "-", ".tmp");
        try {
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r");
                    OutputStream out = new BufferedOutputStream(new FileOutputStream(temporary.toFile()), COPY_BUFFER)) {
                copy(in, 0, head, out);
                out.write(marker);
                if (tail < written) {
                    long from = before.map(c -> c.filePosition(tail)).orElse(tail);
                    copy(in, from, size - from, out);
                }
                int skip = (int) Math.max(0, tail - written);
                out.write(bytes, offset + skip, length - skip);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads the bytes written from offset {@code from} on, from the file and then from the bytes being
     * appended, into {@code into}; returns how many it read.
     */
    private int readStream(Optional<Cut> before, long size, long from, long written, byte[] bytes, int offset,
            int length, byte[] into) throws IOException {
        int read = 0;
        if (from < written) {
            long position = before.map(c -> c.filePosition(from)).orElse(from);
            read = (int) Math.min(into.length, size - position);
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(position);
                in.readFully(into, 0, read);
            }
        }
        int skip = (int) Math.max(0, from - written);
        int more = Math.min(into.length - read, length - skip);
        System.arraycopy(bytes, offset + skip, into, read, more);
        return read + more;
    }

    /** Where the beginning kept ends: after the last newline within {@code limit} bytes, else between characters. */
    private long headEnd(long limit) throws IOException {
        byte[] head = new byte[(int) limit];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.readFully(head);
        }
        for (int i = head.length - 1; i >= 0; i--) {
            if (head[i] == '\n') {
                return i + 1;
            }
        }
        // No newline: cut before the character the limit splits, if any.
        int lead = head.length - 1;
        while (lead > 0 && lead > head.length - 4 && (head[lead] & 0xC0) == 0x80) {
            lead--;
        }
        return lead >= 0 && lead + sequenceLength(head[lead]) > head.length ? lead : head.length;
    }

    /** How far into {@code window} the first whole line starts; else the first character's start. */
    private static int lineStart(byte[] window, int length) {
        for (int i = 0; i < length; i++) {
            if (window[i] == '\n') {
                return i + 1;
            }
        }
        int start = 0;
        while (start < length && start < 3 && (window[start] & 0xC0) == 0x80) {
            start++;
        }
        return start;
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }

    private static String marker(long leftOut, long head) {
        return String.format(MARKER_FORMAT, leftOut, head);
    }

    private Optional<Cut> cut() throws IOException {
        if (!cutKnown) {
            cut = findCut();
            cutKnown = true;
        }
        return cut;
    }

    /** The cut an earlier engine made: the first marker line that starts where its own count says the beginning ends. */
    private Optional<Cut> findCut() throws IOException {
        byte[] start;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            // The marker lies within the first quarter of the limit it was cut to; a log of an engine that
            // kept everything may be far larger, and is read as the whole it is.
            start = new byte[(int) Math.min(in.length(), Math.min(maxBytes, Integer.MAX_VALUE - 1024) + 1024)];
            in.readFully(start);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
        // One byte a char, so that a match's index is its byte offset.
        String content = new String(start, StandardCharsets.ISO_8859_1);
        Matcher matcher = MARKER.matcher(content);
        while (matcher.find()) {
            long head = Long.parseLong(matcher.group(2));
            boolean newlineFirst = matcher.start() == head + 1 && content.charAt((int) head) == '\n';
            if (matcher.start() == head || newlineFirst) {
                int length = matcher.end() - matcher.start() + (newlineFirst ? 1 : 0);
                return Optional.of(new Cut(head, head + Long.parseLong(matcher.group(1)), length));
            }
        }
        return Optional.empty();
    }

    private String text(long position, int length) throws IOException {
        byte[] bytes = new byte[length];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            in.readFully(bytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private byte byteAt(long position) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            return in.readByte();
        }
    }

    private long size() throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static void copy(RandomAccessFile in, long from, long length, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        in.seek(from);
        for (long left = length; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the file ended before byte " + (from + length));
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
