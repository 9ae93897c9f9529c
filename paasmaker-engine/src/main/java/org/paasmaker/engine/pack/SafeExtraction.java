package org.paasmaker.engine.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Writes the entries of one archive, in the archive's order, under a target directory that starts
 * empty, refusing whatever would reach outside it, and stopping at the limits while the bytes stream.
 * Every archive format feeds this one class, so every format obeys the same rules.
 *
 * <p>Symbolic links are made last, once every file is written: nothing is ever written through a
 * link, and a link's destination is judged over all the archive's links at once. Directories get
 * their modes and times last too, so that a read-only directory still receives its files.
 *
 * <p>An entry's content is the only thing read from the archive here; an {@link IOException} thrown
 * from these methods comes from reading it, so the format reader can say the archive is damaged.
 * Failures of the target's file system are {@link PaasmakerException}s with {@link ErrorCode#INTERNAL}.
 */
final class SafeExtraction {

    private enum Kind {
        DIRECTORY("directory"), FILE("file"), SYMLINK("symbolic link");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    private record DirectoryAttributes(int mode, FileTime modified) {
    }

    /** The owner always keeps full rights on directories, so Paasmaker can delete what it unpacked. */
    private static final int OWNER_RIGHTS = 0700;
    private static final int COPY_BUFFER_SIZE = 256 * 1024;

    private final Path target;
    private final ArchiveLimits limits;
    private final Map<String, Kind> written = new HashMap<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();
    private final Map<String, DirectoryAttributes> directories = new LinkedHashMap<>();
    private final byte[] buffer = new byte[COPY_BUFFER_SIZE];
    private long entries;
    private long bytes;
    private long files;
    private long hardLinks;
    /** The mode a new file gets here (0666 less the umask), learned from the first file; -1 before. */
    private int fileCreationMode = -1;

    /** @param target an existing empty directory */
    SafeExtraction(Path target, ArchiveLimits limits) {
        this.target = target;
        this.limits = limits;
        requireEmptyDirectory(target);
        written.put("", Kind.DIRECTORY);
    }

    private static void requireEmptyDirectory(Path target) {
        if (!Files.isDirectory(target)) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the unpack target " + Refusals.quote(target.toString())
                    + " is not a directory; create it empty before unpacking into it");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
            if (children.iterator().hasNext()) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "the unpack target " + Refusals.quote(target.toString())
                        + " is not empty; unpack into a new empty directory");
            }
        } catch (IOException e) {
            throw fileSystemFailure("read", target, e);
        }
    }

    void directory(String name, int mode, FileTime modified) {
        EntryPath entry = enter(name);
        if (entry.isRoot()) {
            return;
        }
        Kind existing = prepare(entry, Kind.DIRECTORY);
        if (existing == null) {
            Path path = resolve(entry.path());
            try {
                Files.createDirectory(path);
            } catch (IOException e) {
                throw fileSystemFailure("create", path, e);
            }
            written.put(entry.path(), Kind.DIRECTORY);
        }
        directories.put(entry.path(), new DirectoryAttributes(mode | OWNER_RIGHTS, modified));
    }

    /**
     * @param declaredSize the size the archive's header announces, so that an entry known to be too
     *     big is refused before its first byte; the bytes actually read are what the limit counts
     */
    void file(String name, int mode, FileTime modified, long declaredSize, InputStream content) throws IOException {
        EntryPath entry = enterFile(name);
        if (declaredSize > limits.maxBytes() - bytes) {
            throw tooManyBytes(name);
        }
        Path path = replaceable(entry, Kind.FILE);
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                bytes += read;
                if (bytes > limits.maxBytes()) {
                    throw tooManyBytes(name);
                }
                write(out, read, path);
            }
        }
        setFileModeAndTime(path, mode, modified);
        written.put(entry.path(), Kind.FILE);
        files++;
    }

    private void write(OutputStream out, int count, Path path) {
        try {
            out.write(buffer, 0, count);
        } catch (IOException e) {
            throw fileSystemFailure("write", path, e);
        }
    }

    void symlink(String name, String linkTarget) {
        EntryPath entry = enterFile(name);
        if (linkTarget.isEmpty() || linkTarget.indexOf('\0') >= 0) {
            throw Refusals.entry(name, "is a symbolic link with an empty or unreadable target");
        }
        prepare(entry, Kind.SYMLINK);
        written.put(entry.path(), Kind.SYMLINK);
        symlinks.put(entry.path(), linkTarget);
        // Refuse early with what is known; finish() judges again once all the links are known.
        refuseIfLeadsOutside(entry.path());
    }

    void hardLink(String name, String linkTarget) {
        EntryPath entry = enterFile(name);
        String existing = EntryPath.normalize(linkTarget).orElseThrow(() -> Refusals.entry(name,
                "is a hard link to " + Refusals.quote(linkTarget) + " outside the target directory"));
        if (written.get(existing) != Kind.FILE || existing.equals(entry.path())) {
            throw Refusals.entry(name, "is a hard link to " + Refusals.quote(linkTarget)
                    + ", which is not a file extracted before it");
        }
        Path path = replaceable(entry, Kind.FILE);
        try {
            Files.createLink(path, resolve(existing));
        } catch (IOException e) {
            throw fileSystemFailure("link", path, e);
        }
        written.put(entry.path(), Kind.FILE);
        hardLinks++;
    }

    /** Makes the links, gives directories their modes and times, and says what was written. */
    ArchiveSummary finish() {
        symlinks.keySet().forEach(this::refuseIfLeadsOutside);
        symlinks.forEach((link, linkTarget) -> {
            Path path = resolve(link);
            try {
                Files.createSymbolicLink(path, Path.of(linkTarget));
            } catch (IOException e) {
                throw fileSystemFailure("create the symbolic link", path, e);
            }
        });
        directories.forEach((directory, attributes) ->
                setDirectoryModeAndTime(resolve(directory), attributes.mode(), attributes.modified()));
        return new ArchiveSummary(files, directories.size(), symlinks.size() + hardLinks, bytes);
    }

    /** Deletes everything written under the target, which stays, empty; trouble doing so joins the failure. */
    void discard(Throwable failure) {
        try {
            Files.walkFileTree(target, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    if (!directory.equals(target)) {
                        Files.delete(directory);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private EntryPath enter(String name) {
        if (++entries > limits.maxEntries()) {
            throw Refusals.limit("the archive holds more than " + limits.maxEntries()
                    + " entries (the limit); leave out files the application does not need");
        }
        return EntryPath.of(name);
    }

    private EntryPath enterFile(String name) {
        EntryPath entry = enter(name);
        if (entry.isRoot()) {
            throw Refusals.entry(name, "names the target directory itself, not a file in it");
        }
        return entry;
    }

    /** Readies the path for a file or hard link: a file there is replaced, as tar does. */
    private Path replaceable(EntryPath entry, Kind kind) {
        Path path = resolve(entry.path());
        if (prepare(entry, kind) != null) {
            try {
                Files.delete(path);
            } catch (IOException e) {
                throw fileSystemFailure("replace", path, e);
            }
        }
        return path;
    }

    /**
     * Makes sure the entry's parent directories exist and are directories the archive did not make
     * into anything else, and that what already stands at the entry's own path is of the same kind.
     *
     * @return the kind already at the entry's path, or null
     */
    private Kind prepare(EntryPath entry, Kind kind) {
        ensureParentDirectories(entry);
        Kind existing = written.get(entry.path());
        if (existing != null && existing != kind) {
            throw Refusals.entry(entry.name(), "is a " + kind.noun + ", but an earlier entry made "
                    + Refusals.quote(entry.path()) + " a " + existing.noun);
        }
        return existing;
    }

    private void ensureParentDirectories(EntryPath entry) {
        String parent = entry.parent();
        // A directory is recorded only once its own parents were checked, so one lookup usually does.
        if (written.get(parent) == Kind.DIRECTORY) {
            return;
        }
        int end = 0;
        while (end < parent.length()) {
            end = parent.indexOf('/', end + 1);
            if (end < 0) {
                end = parent.length();
            }
            String ancestor = parent.substring(0, end);
            Kind kind = written.get(ancestor);
            if (kind == Kind.SYMLINK) {
                throw Refusals.entry(entry.name(), "would be written through the symbolic link " + Refusals.quote(ancestor));
            }
            if (kind == Kind.FILE) {
                throw Refusals.entry(entry.name(), "needs " + Refusals.quote(ancestor)
                        + " to be a directory, but an earlier entry made it a file");
            }
            if (kind == null) {
                Path path = resolve(ancestor);
                try {
                    Files.createDirectory(path);
                } catch (IOException e) {
                    throw fileSystemFailure("create", path, e);
                }
                written.put(ancestor, Kind.DIRECTORY);
            }
        }
    }

    private void refuseIfLeadsOutside(String link) {
        if (limits.allowLinksOutside()) {
            return;
        }
        switch (new SymlinkTargets(symlinks).destination(link)) {
            case OUTSIDE -> throw Refusals.entry(link, "is a symbolic link to " + Refusals.quote(symlinks.get(link))
                    + " outside the target directory");
            case LOOP -> throw Refusals.entry(link, "is a symbolic link to " + Refusals.quote(symlinks.get(link))
                    + " that loops through more links than a lookup may follow");
            case INSIDE -> {
            }
        }
    }

    private PaasmakerException tooManyBytes(String name) {
        return Refusals.limit("the archive unpacks to more than " + limits.maxBytes() + " bytes (the limit), reached at entry "
                + Refusals.quote(name) + "; leave out files the application does not need");
    }

    private Path resolve(String path) {
        return path.isEmpty() ? target : target.resolve(path);
    }

    /**
     * Two system calls fewer per file than the obvious way, which counts over thousands of files: no
     * chmod when the file was created with the wanted mode already (most are 0644 under umask 022),
     * and java.io.File sets the time by path, where NIO opens the file to set it and closes it again.
     */
    private void setFileModeAndTime(Path path, int mode, FileTime modified) {
        int wanted = mode & 0777;
        try {
            if (fileCreationMode < 0) {
                fileCreationMode = UnixModes.bits(Files.getPosixFilePermissions(path));
            }
            if (wanted != fileCreationMode) {
                Files.setPosixFilePermissions(path, UnixModes.permissions(wanted));
            }
        } catch (IOException e) {
            throw fileSystemFailure("set the mode of", path, e);
        }
        setModifiedTime(path, modified);
    }

    private static void setDirectoryModeAndTime(Path path, int mode, FileTime modified) {
        try {
            Files.setPosixFilePermissions(path, UnixModes.permissions(mode));
        } catch (IOException e) {
            throw fileSystemFailure("set the mode of", path, e);
        }
        setModifiedTime(path, modified);
    }

    /** Times before 1970, which only a forged or broken archive holds, become 1970. */
    private static void setModifiedTime(Path path, FileTime modified) {
        if (!path.toFile().setLastModified(Math.max(0, modified.toMillis()))) {
            throw fileSystemFailure("set the modification time of", path,
                    new IOException("the file system refused the time " + modified));
        }
    }

    private static PaasmakerException fileSystemFailure(String verb, Path path, IOException cause) {
        return new PaasmakerException(ErrorCode.INTERNAL, "could not " + verb + " " + Refusals.quote(path.toString())
                + " while unpacking: " + cause + "; check the disk's free space and permissions", cause);
    }
}
