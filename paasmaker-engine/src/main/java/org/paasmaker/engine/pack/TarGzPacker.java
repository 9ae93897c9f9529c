package org.paasmaker.engine.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Packs prepared code into a standard {@code .tar.gz}, compressing on several threads, and unpacks
 * such packages again.
 *
 * <p>The same tree always packs to the same bytes: entries come in sorted order, owners are written
 * as root with no names (whoever packs), and the gzip header holds no time. Modification times are
 * kept as they are, to the second: Python checks its cached bytecode against its sources' times, and
 * build tools compare times too, so a package must not make every file look new. Hard links in the
 * tree are packed as separate files; symbolic links as links, never followed.
 */
public final class TarGzPacker {

    private static final int COPY_BUFFER_SIZE = 256 * 1024;
    private static final Comparator<Path> BY_NAME = Comparator.comparing(path -> path.getFileName().toString());

    private final CompressionSettings settings;

    /** gzip's level 6 on every processor. */
    public TarGzPacker() {
        this.settings = CompressionSettings.defaults();
    }

    /**
     * @param level the deflate level, 0 (stored) to 9 (smallest)
     * @param threads how many threads compress at once, at least 1
     */
    public TarGzPacker(int level, int threads) {
        this.settings = new CompressionSettings(level, threads);
    }

    /** Writes the tree's contents (not the tree directory itself) as a tar.gz; the stream stays open. */
    public ArchiveSummary pack(Path tree, OutputStream out) {
        if (!Files.isDirectory(tree)) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    Refusals.quote(tree.toString()) + " is not a directory; give the directory to pack");
        }
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, settings)) {
            // Not closed: finish() completes the tar, and closing would close the gzip stream twice.
            TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            ArchiveSummary summary = new TreeWriter(tree, tar).write();
            tar.finish();
            return summary;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "could not pack " + Refusals.quote(tree.toString()) + ": " + e
                    + "; check the disk's free space and that every file can be read", e);
        }
    }

    /**
     * Extracts a package made by {@link #pack} under an empty target directory; see
     * {@link TarGzExtractor} for the rules. The stream is read, not closed.
     */
    public ArchiveSummary unpack(InputStream in, Path target, ArchiveLimits limits) {
        return new TarGzExtractor().extract(in, target, limits);
    }

    /** One walk over one tree, depth first in name order. */
    private static final class TreeWriter {

        private final Path tree;
        private final TarArchiveOutputStream tar;
        private final byte[] buffer = new byte[COPY_BUFFER_SIZE];
        private long files;
        private long directories;
        private long links;
        private long bytes;

        TreeWriter(Path tree, TarArchiveOutputStream tar) {
            this.tree = tree;
            this.tar = tar;
        }

        ArchiveSummary write() throws IOException {
            Deque<Path> pending = new ArrayDeque<>();
            pushChildren(tree, pending);
            while (!pending.isEmpty()) {
                Path path = pending.pop();
                PosixFileAttributes attributes =
                        Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String name = tree.relativize(path).toString();
                if (attributes.isSymbolicLink()) {
                    TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, attributes);
                    entry.setLinkName(Files.readSymbolicLink(path).toString());
                    put(entry);
                    links++;
                } else if (attributes.isDirectory()) {
                    put(entry(name + "/", TarConstants.LF_DIR, attributes));
                    directories++;
                    pushChildren(path, pending);
                } else if (attributes.isRegularFile()) {
                    writeFile(path, entry(name, TarConstants.LF_NORMAL, attributes));
                    files++;
                } else {
                    throw new PaasmakerException(ErrorCode.INVALID_REQUEST, Refusals.quote(path.toString())
                            + " is neither a file, a directory nor a symbolic link (a socket, a pipe or a device);"
                            + " remove it before packing");
                }
            }
            return new ArchiveSummary(files, directories, links, bytes);
        }

        private static void pushChildren(Path directory, Deque<Path> pending) throws IOException {
            List<Path> children;
            try (Stream<Path> listing = Files.list(directory)) {
                children = listing.sorted(BY_NAME.reversed()).toList();
            }
            children.forEach(pending::push);
        }

        private static TarArchiveEntry entry(String name, byte type, PosixFileAttributes attributes) {
            TarArchiveEntry entry = new TarArchiveEntry(name, type);
            entry.setMode(UnixModes.bits(attributes.permissions()));
            entry.setModTime(FileTime.from(attributes.lastModifiedTime().to(TimeUnit.SECONDS), TimeUnit.SECONDS));
            entry.setIds(0, 0);
            entry.setNames("", "");
            if (type == TarConstants.LF_NORMAL) {
                entry.setSize(attributes.size());
            }
            return entry;
        }

        private void put(TarArchiveEntry entry) throws IOException {
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }

        /** Copies exactly the size the header announced: a file that changes meanwhile fails the pack. */
        private void writeFile(Path path, TarArchiveEntry entry) throws IOException {
            tar.putArchiveEntry(entry);
            long remaining = entry.getSize();
            try (InputStream in = Files.newInputStream(path)) {
                while (remaining > 0) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (read < 0) {
                        throw new IOException(path + " shrank while it was being packed");
                    }
                    tar.write(buffer, 0, read);
                    remaining -= read;
                }
            }
            tar.closeArchiveEntry();
            bytes += entry.getSize();
        }
    }
}
