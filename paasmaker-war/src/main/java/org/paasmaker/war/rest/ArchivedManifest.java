package org.paasmaker.war.rest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.manifest.ManifestReader;

/**
 * The manifest's text inside an uploaded archive, found by its path (a leading {@code ./} aside), so
 * that it can be checked before the prepare job starts. Empty when the archive does not hold it there:
 * then the job, which knows the source plugins' ways, says why. An archive that cannot be read at all
 * is refused at once.
 */
final class ArchivedManifest {

    private ArchivedManifest() {
    }

    static Optional<String> find(Path archive, String manifestPath) {
        boolean zip = archive.getFileName().toString().endsWith(".zip");
        try {
            return zip ? fromZip(archive, manifestPath) : fromTarball(archive, manifestPath);
        } catch (IOException | IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.ARCHIVE_REJECTED, "the upload is not a readable "
                    + (zip ? "zip archive" : "gzip-compressed tar archive") + " (" + e.getMessage()
                    + "); make it with " + (zip ? "'zip -r app.zip .'" : "'tar czf app.tar.gz .'"), e);
        }
    }

    private static Optional<String> fromTarball(Path archive, String manifestPath) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && names(entry.getName(), manifestPath)) {
                    return Optional.of(text(tar));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromZip(Path archive, String manifestPath) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (!entry.isDirectory() && names(entry.getName(), manifestPath)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        return Optional.of(text(in));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean names(String entryName, String manifestPath) {
        String name = entryName.startsWith("./") ? entryName.substring(2) : entryName;
        return name.equals(manifestPath);
    }

    /** No more than the reader would take, so a huge "manifest" cannot fill the heap. */
    private static String text(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(ManifestReader.MAX_BYTES + 1);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
