package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.pack.TestArchive.Format;

/** What only zip has; the rules shared with tar.gz are in HostileArchiveTest. */
class ZipExtractorTest {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;

    @TempDir
    Path dir;

    private Path target;

    @BeforeEach
    void makeTarget() throws IOException {
        target = Files.createDirectory(dir.resolve("target"));
    }

    @Test
    void unixModesAndLinksComeBack() throws IOException {
        Path zip = new TestArchive().file("bin/run.sh", "#!/bin/sh".getBytes(), 0750).file("notes", "n")
                .symlink("run", "bin/run.sh").writeTo(dir, Format.ZIP);

        ArchiveSummary summary = new ZipExtractor().extract(zip, target, ArchiveLimits.sources());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin/run.sh")))).isEqualTo("rwxr-x---");
        assertThat(Files.readSymbolicLink(target.resolve("run"))).isEqualTo(Path.of("bin/run.sh"));
        assertThat(summary).isEqualTo(new ArchiveSummary(2, 0, 1, 10));
    }

    @Test
    void zipsWithoutUnixModesGetTheUsualOnes() throws IOException {
        Path zip = dir.resolve("plain.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("docs/"));
            out.putNextEntry(new ZipEntry("docs/readme.txt"));
            out.write("hello".getBytes());
        }

        new ZipExtractor().extract(zip, target, ArchiveLimits.sources());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("docs")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("docs/readme.txt"))))
                .isEqualTo("rw-r--r--");
        assertThat(target.resolve("docs/readme.txt")).hasContent("hello");
    }

    @Test
    void aZipWhoseHeadersUnderstateTheSizeIsStoppedAtTheLimitWhileStreaming() throws IOException {
        Path zip = new TestArchive().file("small", "s").file("liar", new byte[8 << 20], 0644).writeTo(dir, Format.ZIP);
        understateUncompressedSizes(zip, 1000);

        assertThatThrownBy(() -> new ZipExtractor().extract(zip, target, new ArchiveLimits(10, 1 << 20, false)))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE))
                .hasMessage("the archive unpacks to more than 1048576 bytes (the limit), reached at entry 'liar';"
                        + " leave out files the application does not need");
        assertThat(Trees.isEmptyDirectory(target)).isTrue();
    }

    @Test
    void aLinkTargetLongerThanAPathMayBeIsRefused() throws IOException {
        Path zip = new TestArchive().symlink("link", "x/".repeat(3000)).writeTo(dir, Format.ZIP);

        assertThatThrownBy(() -> new ZipExtractor().extract(zip, target, ArchiveLimits.packages()))
                .hasMessage("archive entry 'link' is a symbolic link whose target is longer than 4096 bytes; the archive is refused");
    }

    @Test
    void somethingThatIsNotAZipIsRefusedByName() throws IOException {
        Path zip = Files.writeString(dir.resolve("upload.zip"), "this is not a zip file at all");

        assertThatThrownBy(() -> new ZipExtractor().extract(zip, target, ArchiveLimits.sources()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ARCHIVE_REJECTED))
                .hasMessageStartingWith("'upload.zip' is not a zip file (")
                .hasMessageEndingWith("); give a .zip archive");
    }

    @Test
    void aMissingZipIsAnInternalFailure() {
        Path zip = dir.resolve("gone.zip");

        assertThatThrownBy(() -> new ZipExtractor().extract(zip, target, ArchiveLimits.sources()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageStartingWith("could not read 'gone.zip': java.nio.file.NoSuchFileException");
    }

    /** Rewrites the uncompressed size in every local and central header, as a forged zip bomb does. */
    private static void understateUncompressedSizes(Path zip, int size) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 30 < bytes.limit(); i++) {
            if (bytes.getInt(i) == LOCAL_HEADER && bytes.getShort(i + 8) != 0) {
                bytes.putInt(i + 22, size);
            } else if (bytes.getInt(i) == CENTRAL_HEADER && bytes.getShort(i + 10) != 0) {
                bytes.putInt(i + 24, size);
            }
        }
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(bytes.array());
        }
    }
}
