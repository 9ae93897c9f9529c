package org.paasmaker.engine.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Extracts a {@code .zip} archive safely under an empty target directory, by the same rules as
 * {@link TarGzExtractor}: Unix modes and symbolic links where the zip records them, nothing outside
 * the target, the limits checked while the bytes stream. On any failure everything written under the
 * target is deleted again; the target itself stays, empty.
 */
public final class ZipExtractor {

    private static final int FILE_TYPE_MASK = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int DIRECTORY = 0040000;
    /** Zips made elsewhere than on Unix record no mode; these are what unzip gives such entries. */
    private static final int DEFAULT_FILE_MODE = 0644;
    private static final int DEFAULT_DIRECTORY_MODE = 0755;

    public ArchiveSummary extract(Path zipFile, Path target, ArchiveLimits limits) {
        String label = Refusals.quote(String.valueOf(zipFile.getFileName()));
        SafeExtraction extraction = new SafeExtraction(target, limits);
        try {
            readInto(extraction, zipFile, label);
            return extraction.finish();
        } catch (RuntimeException | Error e) {
            extraction.discard(e);
            throw e;
        }
    }

    private static void readInto(SafeExtraction extraction, Path zipFile, String label) {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(zipFile).get();
        } catch (ZipException e) {
            throw Refusals.archive(label + " is not a zip file (" + e.getMessage() + "); give a .zip archive");
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL,
                    "could not read " + label + ": " + e + "; upload or copy it again", e);
        }
        try (zip) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                add(entry, zip, extraction);
            }
        } catch (IOException e) {
            throw Refusals.archive(label + " is corrupt (" + e.getMessage() + "); upload or copy it again");
        }
    }

    private static void add(ZipArchiveEntry entry, ZipFile zip, SafeExtraction extraction) throws IOException {
        String name = entry.getName();
        if (!zip.canReadEntryData(entry)) {
            throw Refusals.entry(name, "is encrypted or compressed with a method Paasmaker cannot read");
        }
        int mode = entry.getUnixMode();
        int type = mode & FILE_TYPE_MASK;
        FileTime modified = entry.getLastModifiedTime();
        if (entry.isUnixSymlink()) {
            extraction.symlink(name, linkTarget(entry, zip));
        } else if (entry.isDirectory() || type == DIRECTORY) {
            extraction.directory(name, mode == 0 ? DEFAULT_DIRECTORY_MODE : mode, modified);
        } else if (type != 0 && type != REGULAR_FILE) {
            throw Refusals.entry(name, "is a device or a named pipe");
        } else {
            try (InputStream content = zip.getInputStream(entry)) {
                extraction.file(name, mode == 0 ? DEFAULT_FILE_MODE : mode, modified, entry.getSize(), content);
            }
        }
    }

    /** A zip keeps a link's target as the entry's content, which a forged zip could make huge. */
    private static String linkTarget(ZipArchiveEntry entry, ZipFile zip) throws IOException {
        byte[] target;
        try (InputStream content = zip.getInputStream(entry)) {
            target = content.readNBytes(EntryPath.MAX_PATH_BYTES + 1);
        }
        if (target.length > EntryPath.MAX_PATH_BYTES) {
            throw Refusals.entry(entry.getName(), "is a symbolic link whose target is longer than "
                    + EntryPath.MAX_PATH_BYTES + " bytes");
        }
        return new String(target, StandardCharsets.UTF_8);
    }
}
