package org.paasmaker.engine.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.node.Node;
import org.paasmaker.engine.internal.AppendedText;

/**
 * A log file that a detached process appends to, kept to a size and read from its end. The writer
 * holds the file open for the rest of its life, so the file is never renamed under it: rotation
 * copies it to {@code <name>.1} (older copies shift to {@code .2}, ...) and truncates it, and the
 * writer's next write, in append mode, lands at the new end. Lines written between the copy and the
 * truncation are lost; the copy catches up once right before truncating to keep that window short.
 * One rotator per file at a time; reading the tail meanwhile is fine.
 *
 * <p>A follower reads the file from a byte offset ({@link #linesAfter}) and keeps the offset. A
 * rotation empties the file under it: a file shorter than the offset was rotated, and the follower
 * gets the rest of the newest copy, then the file from 0. (A file that had grown past the offset again
 * by the next read would be taken as not rotated; with rotation at megabytes and reads every fraction
 * of a second, that would take an instance writing megabytes a second.)
 */
public final class RotatingLog {

    /** The most {@link #tail} reads, however long the lines: a writer may never end a line. */
    static final int MAX_TAIL_BYTES = 1 << 20;
    private static final int CHUNK_BYTES = 8192;

    private final Path file;

    public RotatingLog(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The n-th rotated copy, {@code <name>.n}; the live file is copy 0. */
    Path rotated(int n) {
        return n == 0 ? file : file.resolveSibling(file.getFileName() + "." + n);
    }

    /**
     * When the file holds more than {@code maxBytes}, moves its content into {@code <name>.1}, keeping
     * {@code keep} copies in all, so the whole stays near {@code (keep + 1) * maxBytes}.
     *
     * @return whether it rotated
     */
    public boolean rotateIfLarger(long maxBytes, int keep) {
        if (maxBytes < 0 || keep < 1) {
            throw new IllegalArgumentException("rotation needs maxBytes >= 0 and keep >= 1: " + maxBytes + ", " + keep);
        }
        try (FileChannel log = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (log.size() <= maxBytes) {
                return false;
            }
            shiftCopies(keep);
            try (FileChannel copy = FileChannel.open(rotated(1), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                long copied = copyUpToEnd(log, copy, 0);
                copyUpToEnd(log, copy, copied);
                log.truncate(0);
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot rotate the log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The last {@code maxLines} lines, reading backwards from the end of the file into the rotated
     * copies when the file holds fewer, and never more than {@link #MAX_TAIL_BYTES} (the oldest line
     * may then be cut). A line split by a rotation reads whole. Rotating meanwhile may repeat or skip
     * lines.
     */
    public String tail(int maxLines) {
        if (maxLines < 0) {
            throw new IllegalArgumentException("a tail has 0 or more lines: " + maxLines);
        }
        return tail(maxLines, Long.MAX_VALUE);
    }

    /** The tail with the file read only up to {@code liveEnd}. */
    private String tail(int maxLines, long liveEnd) {
        if (maxLines == 0) {
            return "";
        }
        Deque<byte[]> chunks = new ArrayDeque<>();
        long newlines = 0;
        int budget = MAX_TAIL_BYTES;
        for (Path source : newestFirst()) {
            if (newlines > maxLines || budget == 0) {
                break;
            }
            try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
                long position = source.equals(file) ? Math.min(liveEnd, channel.size()) : channel.size();
                // One newline more than lines wanted: the one before the first wanted line (or the file's last).
                while (position > 0 && newlines <= maxLines && budget > 0) {
                    int length = (int) Math.min(Math.min(CHUNK_BYTES, budget), position);
                    position -= length;
                    byte[] chunk = readAt(channel, position, length);
                    chunks.addFirst(chunk);
                    newlines += countNewlines(chunk);
                    budget -= chunk.length;
                }
            } catch (NoSuchFileException e) {
                // Shifted or removed by a rotation since it was listed.
            } catch (IOException e) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the log " + source + ": " + e.getMessage(), e);
            }
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        chunks.forEach(chunk -> text.write(chunk, 0, chunk.length));
        return lastLines(text.toString(StandardCharsets.UTF_8), maxLines);
    }

    /**
     * The last {@code maxLines} whole lines, as {@link #tail} reads them, and the offset in the file
     * right after them, where {@link #linesAfter} reads on. A line still being written is left to that read.
     */
    public Node.LogLines lastLines(int maxLines) {
        if (maxLines < 0) {
            throw new IllegalArgumentException("a tail has 0 or more lines: " + maxLines);
        }
        long end;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            end = endOfLastLine(channel);
        } catch (NoSuchFileException e) {
            return new Node.LogLines("", 0);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the log " + file + ": " + e.getMessage(), e);
        }
        return new Node.LogLines(tail(maxLines, end), end);
    }

    /**
     * The whole lines written from byte {@code offset} on, about {@code maxBytes} at most, and the
     * offset where the next read starts. When a rotation emptied the file since, the rest of what it
     * held (in copy 1) and then the file from 0.
     */
    public Node.LogLines linesAfter(long offset, int maxBytes) {
        try {
            AppendedText.Read read = AppendedText.read(file, offset, maxBytes, true);
            if (read.from() == offset) {
                return new Node.LogLines(read.text(), read.next());
            }
            // Rotated since: what the reader had not read yet went to the copy, at the same offsets.
            AppendedText.Read missed = AppendedText.read(rotated(1), offset, maxBytes, false);
            return new Node.LogLines((missed.from() == offset ? missed.text() : "") + read.text(), read.next());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the log " + file + ": " + e.getMessage(), e);
        }
    }

    /** The offset after the file's last newline, looking back at most {@link #MAX_TAIL_BYTES}; its size if none. */
    private static long endOfLastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        long position = size;
        while (position > 0 && size - position < MAX_TAIL_BYTES) {
            int length = (int) Math.min(CHUNK_BYTES, position);
            position -= length;
            byte[] chunk = readAt(channel, position, length);
            for (int i = chunk.length - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    return position + i + 1;
                }
            }
        }
        // A line longer than a tail ever reads is told as far as it goes, or it would never be.
        return position == 0 ? 0 : size;
    }

    private List<Path> newestFirst() {
        List<Path> files = new ArrayList<>(List.of(file));
        for (int n = 1; Files.exists(rotated(n)); n++) {
            files.add(rotated(n));
        }
        return files;
    }

    private void shiftCopies(int keep) throws IOException {
        Files.deleteIfExists(rotated(keep));
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(rotated(n))) {
                Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Copies from {@code from} to the size the log has now; returns the position reached. */
    private static long copyUpToEnd(FileChannel log, FileChannel copy, long from) throws IOException {
        long end = log.size();
        long position = from;
        while (position < end) {
            long transferred = log.transferTo(position, end - position, copy);
            if (transferred == 0) {
                break; // truncated by someone else meanwhile
            }
            position += transferred;
        }
        return position;
    }

    private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break; // truncated while we read: what was read is what there is
            }
        }
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static int countNewlines(byte[] chunk) {
        int count = 0;
        for (byte b : chunk) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }

    private static String lastLines(String text, int maxLines) {
        int from = text.endsWith("\n") ? text.length() - 1 : text.length();
        for (int line = 0; line < maxLines; line++) {
            int newline = text.lastIndexOf('\n', from - 1);
            if (newline < 0) {
                return text;
            }
            from = newline;
        }
        return text.substring(from + 1);
    }
}
