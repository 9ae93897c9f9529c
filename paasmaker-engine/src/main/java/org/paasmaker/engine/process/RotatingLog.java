package org.paasmaker.engine.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
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
 *
 * <p>{@link #ofSvlogd} reads the other layout, the one {@code svlogd} writes into a directory (see
 * {@link CappedLog}): the live file is {@code current}, and each rotated copy is named
 * {@code @<TAI64N time>.s} (or {@code .u} for a {@code current} that svlogd found unfinished after it
 * was killed), so copies sort oldest first by name. svlogd rotates by renaming: the follower's reading
 * of a shorter file as rotated holds the same, with the newest copy in place of copy 1.
 */
public final class RotatingLog {

    /** The most {@link #tail} reads, however long the lines: a writer may never end a line. */
    static final int MAX_TAIL_BYTES = 1 << 20;
    private static final int CHUNK_BYTES = 8192;

    private static final Pattern SVLOGD_COPY = Pattern.compile("@[0-9a-f]{24}\\.[su]");

    private final Path file;
    /** Whether the copies are svlogd's, beside {@code current} in its directory. */
    private final boolean svlogd;

    /** The log of a process appending to {@code file}, rotated by {@link #rotateIfLarger}. */
    public RotatingLog(Path file) {
        this(file, false);
    }

    private RotatingLog(Path file, boolean svlogd) {
        this.file = Objects.requireNonNull(file, "file");
        this.svlogd = svlogd;
    }

    /** The log that {@code svlogd} writes into {@code directory} and rotates itself. */
    public static RotatingLog ofSvlogd(Path directory) {
        return new RotatingLog(directory.resolve(CappedLog.CURRENT), true);
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
        if (svlogd) {
            throw new IllegalStateException("svlogd rotates " + file + " itself");
        }
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
            List<Path> copies = copiesNewestFirst();
            if (copies.isEmpty()) {
                return new Node.LogLines(read.text(), read.next());
            }
            AppendedText.Read missed = AppendedText.read(copies.get(0), offset, maxBytes, false);
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
        files.addAll(copiesNewestFirst());
        return files;
    }

    /** The rotated copies, the newest first. */
    private List<Path> copiesNewestFirst() {
        List<Path> copies = new ArrayList<>();
        if (!svlogd) {
            for (int n = 1; Files.exists(rotated(n)); n++) {
                copies.add(rotated(n));
            }
            return copies;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(file.getParent(),
                entry -> SVLOGD_COPY.matcher(entry.getFileName().toString()).matches())) {
            entries.forEach(copies::add);
        } catch (NoSuchFileException e) {
            return copies;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot list the log files in " + file.getParent() + ": "
                    + e.getMessage(), e);
        }
        copies.sort(Comparator.comparing((Path copy) -> copy.getFileName().toString()).reversed());
        return copies;
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
