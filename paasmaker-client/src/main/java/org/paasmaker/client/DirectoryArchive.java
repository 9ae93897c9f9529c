package org.paasmaker.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.paasmaker.api.error.ErrorCode;

/**
 * A local directory as a {@code .tar.gz}, written as it is read: entries in name order, each with its
 * permission bits and modification time (to the second), symbolic links as links, owners as root with
 * no names, as the server's own packer writes them. {@code .git} entries are left out. {@link #check()}
 * walks the tree first, reading nothing but attributes, so that what cannot be packed is refused before
 * an upload starts.
 */
final class DirectoryArchive {

    static final String LEFT_OUT = ".git";
    private static final int BUFFER = 64 * 1024;
    private static final Comparator<Path> BY_NAME = Comparator.comparing(path -> path.getFileName().toString());

    private final Path tree;
    private final boolean posix;

    DirectoryArchive(Path tree) {
        this.tree = tree;
        this.posix = Files.getFileAttributeView(tree, PosixFileAttributeView.class) != null;
    }

    /** Refuses a tree that is no directory, lacks the manifest, or holds what a tar cannot carry. */
    void check(String manifest) {
        if (!Files.isDirectory(tree)) {
            throw refused("'" + tree + "' is not a directory; give the directory that holds the application's code");
        }
        if (!Files.isRegularFile(tree.resolve(manifest))) {
            throw refused("'" + tree + "' has no " + manifest + "; give the directory that holds the manifest, or the"
                    + " manifest's path within it");
        }
        try {
            walk((path, attributes, name) -> {
                if (attributes.isOther()) {
                    throw refused("'" + path + "' is neither a file, a directory nor a symbolic link (a socket, a pipe"
                            + " or a device); remove it, or upload an archive made without it");
                }
                if (attributes.isRegularFile() && !Files.isReadable(path)) {
                    throw refused("'" + path + "' cannot be read; make it readable, or remove it before deploying");
                }
            });
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Writes the archive; the stream is finished, not closed. */
    void writeTo(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(nonClosing(out), BUFFER);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        byte[] buffer = new byte[BUFFER];
        walk((path, attributes, name) -> {
            if (attributes.isSymbolicLink()) {
                TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, path, attributes);
                entry.setLinkName(Files.readSymbolicLink(path).toString());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            } else if (attributes.isDirectory()) {
                tar.putArchiveEntry(entry(name + "/", TarConstants.LF_DIR, path, attributes));
                tar.closeArchiveEntry();
            } else if (attributes.isRegularFile()) {
                TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, path, attributes);
                entry.setSize(attributes.size());
                tar.putArchiveEntry(entry);
                copy(path, attributes.size(), tar, buffer);
                tar.closeArchiveEntry();
            } else {
                throw refused("'" + path + "' is neither a file, a directory nor a symbolic link; remove it");
            }
        });
        tar.finish();
        gzip.finish();
        tar.close();
    }

    /** Copies exactly the size the header announced: a file that shrinks meanwhile fails the upload. */
    private static void copy(Path path, long size, OutputStream tar, byte[] buffer) throws IOException {
        long remaining = size;
        try (InputStream in = Files.newInputStream(path)) {
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw refused("'" + path + "' shrank while it was being uploaded; deploy again once nothing writes to it");
                }
                tar.write(buffer, 0, read);
                remaining -= read;
            }
        }
    }

    private TarArchiveEntry entry(String name, byte type, Path path, BasicFileAttributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(mode(path, attributes));
        entry.setModTime(FileTime.from(attributes.lastModifiedTime().to(TimeUnit.SECONDS), TimeUnit.SECONDS));
        entry.setIds(0, 0);
        entry.setNames("", "");
        return entry;
    }

    /** The permission bits; where the file system has none (Windows), 755 for directories and executables, else 644. */
    private int mode(Path path, BasicFileAttributes attributes) {
        if (attributes instanceof PosixFileAttributes posixAttributes) {
            return bits(posixAttributes.permissions());
        }
        if (attributes.isSymbolicLink()) {
            return 0777;
        }
        return attributes.isDirectory() || Files.isExecutable(path) ? 0755 : 0644;
    }

    static int bits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= switch (permission) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }

    private interface Visitor {
        void visit(Path path, BasicFileAttributes attributes, String name) throws IOException;
    }

    /** Depth first in name order, holding only the pending siblings; never follows a link. */
    private void walk(Visitor visitor) throws IOException {
        Deque<Path> pending = new ArrayDeque<>();
        pushChildren(tree, pending);
        while (!pending.isEmpty()) {
            Path path = pending.pop();
            BasicFileAttributes attributes = posix
                    ? Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String name = tree.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
            visitor.visit(path, attributes, name);
            if (attributes.isDirectory()) {
                pushChildren(path, pending);
            }
        }
    }

    private static void pushChildren(Path directory, Deque<Path> pending) throws IOException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(directory)) {
            children = listing.filter(child -> !child.getFileName().toString().equals(LEFT_OUT))
                    .sorted(BY_NAME.reversed()).toList();
        }
        children.forEach(pending::push);
    }

    PaasmakerClientException unreadable(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return refused("'" + denied.getFile() + "' cannot be read; make it readable, or remove it before deploying");
        }
        if (e instanceof NoSuchFileException gone) {
            return refused("'" + gone.getFile() + "' went away while '" + tree + "' was being uploaded; deploy again"
                    + " once nothing changes it");
        }
        return new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "cannot read '" + tree + "' to upload it ("
                + e.getMessage() + ")", 0, e);
    }

    private static PaasmakerClientException refused(String message) {
        return new PaasmakerClientException(ErrorCode.INVALID_REQUEST, message);
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
