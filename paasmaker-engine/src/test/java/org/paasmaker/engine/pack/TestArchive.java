package org.paasmaker.engine.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes archives holding whatever entries a test asks for, hostile ones included (names with
 * {@code ..}, absolute names, links anywhere), as tar.gz or zip.
 */
final class TestArchive {

    enum Format {
        TAR_GZ("upload.tar.gz"), ZIP("upload.zip");

        final String fileName;

        Format(String fileName) {
            this.fileName = fileName;
        }
    }

    private enum Type { FILE, DIRECTORY, SYMLINK, HARD_LINK, FIFO }

    private record Entry(Type type, String name, byte[] content, String linkTarget, int mode) {
    }

    private final List<Entry> entries = new ArrayList<>();

    TestArchive file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TestArchive file(String name, byte[] content, int mode) {
        entries.add(new Entry(Type.FILE, name, content, "", mode));
        return this;
    }

    TestArchive directory(String name) {
        entries.add(new Entry(Type.DIRECTORY, name, new byte[0], "", 0755));
        return this;
    }

    TestArchive symlink(String name, String target) {
        entries.add(new Entry(Type.SYMLINK, name, new byte[0], target, 0777));
        return this;
    }

    /** Tar only: zip has no hard links. */
    TestArchive hardLink(String name, String target) {
        entries.add(new Entry(Type.HARD_LINK, name, new byte[0], target, 0644));
        return this;
    }

    TestArchive fifo(String name) {
        entries.add(new Entry(Type.FIFO, name, new byte[0], "", 0644));
        return this;
    }

    /** Writes the archive as {@code directory/upload.tar.gz} or {@code directory/upload.zip}. */
    Path writeTo(Path directory, Format format) throws IOException {
        Path file = directory.resolve(format.fileName);
        if (format == Format.TAR_GZ) {
            try (OutputStream out = Files.newOutputStream(file)) {
                writeTarGz(out);
            }
        } else {
            writeZip(file);
        }
        return file;
    }

    void writeTarGz(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out), "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                TarArchiveEntry tarEntry = switch (entry.type()) {
                    case FILE -> new TarArchiveEntry(entry.name(), true);
                    case DIRECTORY -> new TarArchiveEntry(entry.name().endsWith("/") ? entry.name() : entry.name() + "/", true);
                    case SYMLINK -> new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK, true);
                    case HARD_LINK -> new TarArchiveEntry(entry.name(), TarConstants.LF_LINK, true);
                    case FIFO -> new TarArchiveEntry(entry.name(), TarConstants.LF_FIFO, true);
                };
                tarEntry.setMode(entry.mode());
                tarEntry.setLinkName(entry.linkTarget());
                tarEntry.setSize(entry.content().length);
                tar.putArchiveEntry(tarEntry);
                tar.write(entry.content());
                tar.closeArchiveEntry();
            }
        }
    }

    private void writeZip(Path file) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Entry entry : entries) {
                String name = entry.type() == Type.DIRECTORY && !entry.name().endsWith("/") ? entry.name() + "/" : entry.name();
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(name);
                byte[] content = entry.content();
                switch (entry.type()) {
                    case FILE -> zipEntry.setUnixMode(0100000 | entry.mode());
                    case DIRECTORY -> zipEntry.setUnixMode(0040000 | entry.mode());
                    case SYMLINK -> {
                        zipEntry.setUnixMode(0120000 | entry.mode());
                        content = entry.linkTarget().getBytes(StandardCharsets.UTF_8);
                    }
                    case FIFO -> zipEntry.setUnixMode(0010000 | entry.mode());
                    case HARD_LINK -> throw new IllegalArgumentException("zip has no hard links");
                }
                zip.putArchiveEntry(zipEntry);
                zip.write(content);
                zip.closeArchiveEntry();
            }
        }
    }
}
