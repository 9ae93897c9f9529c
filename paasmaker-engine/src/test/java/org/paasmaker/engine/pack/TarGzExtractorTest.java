package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.assertj.core.api.AbstractThrowableAssert;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.pack.TestArchive.Format;

/** What only tar.gz has: hard links, gzip damage, tar headers, streaming; the shared rules are in HostileArchiveTest. */
class TarGzExtractorTest {

    @TempDir
    Path dir;

    private Path target;

    @BeforeEach
    void makeTarget() throws IOException {
        target = Files.createDirectory(dir.resolve("target"));
    }

    @AfterEach
    void noReadAheadThreadIsLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals(ReadAheadInputStream.THREAD_NAME)));
    }

    @Test
    void hardLinksToEarlierFilesAreMade() throws IOException {
        Path archive = new TestArchive().file("data", "shared").hardLink("again", "data").writeTo(dir, Format.TAR_GZ);

        ArchiveSummary summary = new TarGzExtractor().extract(archive, target, ArchiveLimits.sources());

        assertThat(target.resolve("again")).hasContent("shared");
        assertThat(Files.isSameFile(target.resolve("again"), target.resolve("data"))).isTrue();
        assertThat(summary).isEqualTo(new ArchiveSummary(1, 0, 1, 6));
    }

    @Test
    void hardLinksOutsideAreRefusedEvenInPackages() throws IOException {
        Path archive = new TestArchive().file("data", "x").hardLink("passwd", "../../etc/passwd").writeTo(dir, Format.TAR_GZ);

        assertRefused(archive, ArchiveLimits.packages()).hasMessage(
                "archive entry 'passwd' is a hard link to '../../etc/passwd' outside the target directory; the archive is refused");
    }

    @Test
    void hardLinksToAbsolutePathsAreRefused() throws IOException {
        Path archive = new TestArchive().file("data", "x").hardLink("passwd", "/etc/passwd").writeTo(dir, Format.TAR_GZ);

        assertRefused(archive, ArchiveLimits.packages()).hasMessage(
                "archive entry 'passwd' is a hard link to '/etc/passwd' outside the target directory; the archive is refused");
    }

    @Test
    void hardLinksToWhatIsNotYetExtractedAreRefused() throws IOException {
        Path archive = new TestArchive().file("data", "x").hardLink("early", "later").file("later", "y").writeTo(dir, Format.TAR_GZ);

        assertRefused(archive, ArchiveLimits.sources()).hasMessage(
                "archive entry 'early' is a hard link to 'later', which is not a file extracted before it; the archive is refused");
    }

    @Test
    void hardLinksThroughSymbolicLinksAreRefused() throws IOException {
        Path archive = new TestArchive().directory("real").file("real/data", "x").symlink("alias", "real")
                .hardLink("copy", "alias/data").writeTo(dir, Format.TAR_GZ);

        assertRefused(archive, ArchiveLimits.sources()).hasMessage(
                "archive entry 'copy' is a hard link to 'alias/data', which is not a file extracted before it; the archive is refused");
    }

    @Test
    void modesAndTimesAreSetEvenForTimesBefore1970() throws IOException {
        Path archive = dir.resolve("times.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(archive)))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String name : new String[] {"plain", "tool", "old"}) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setMode(name.equals("tool") ? 0755 : 0644);
                entry.setModTime(FileTime.from(Instant.parse(name.equals("old") ? "1960-01-01T00:00:00Z" : "2020-05-06T07:08:09Z")));
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        }

        new TarGzExtractor().extract(archive, target, ArchiveLimits.sources());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("plain")))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("tool")))).isEqualTo("rwxr-xr-x");
        assertThat(Files.getLastModifiedTime(target.resolve("tool"))).isEqualTo(FileTime.from(Instant.parse("2020-05-06T07:08:09Z")));
        assertThat(Files.getLastModifiedTime(target.resolve("old"))).isEqualTo(FileTime.fromMillis(0));
    }

    @Test
    void somethingThatIsNotGzipIsRefusedByName() throws IOException {
        Path archive = Files.writeString(dir.resolve("upload.tar.gz"), "PK\3\4 this is no gzip file");

        assertRefused(archive, ArchiveLimits.sources())
                .hasMessage("'upload.tar.gz' is not a gzip file; give a .tar.gz archive");
    }

    @Test
    void anEmptyFileIsNotGzip() throws IOException {
        Path archive = Files.write(dir.resolve("upload.tar.gz"), new byte[0]);

        assertRefused(archive, ArchiveLimits.sources())
                .hasMessage("'upload.tar.gz' is not a gzip file; give a .tar.gz archive");
    }

    @Test
    void aTruncatedArchiveIsRefusedAndWhatItWroteIsRemoved() throws IOException {
        byte[] whole = Files.readAllBytes(new TestArchive().file("a", "first")
                .file("b", TestData.text(400_000, 1), 0644).writeTo(dir, Format.TAR_GZ));
        Path archive = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(whole, whole.length / 2));

        assertRefused(archive, ArchiveLimits.sources())
                .hasMessage("'cut.tar.gz' is truncated; upload or copy it again");
    }

    @Test
    void aDamagedChecksumIsRefused() throws IOException {
        byte[] whole = Files.readAllBytes(new TestArchive().file("a", "first").writeTo(dir, Format.TAR_GZ));
        whole[whole.length - 8] ^= 0x55;
        Path archive = Files.write(dir.resolve("damaged.tar.gz"), whole);

        assertRefused(archive, ArchiveLimits.sources())
                .hasMessage("'damaged.tar.gz' is corrupt (Corrupt GZIP trailer); upload or copy it again");
    }

    @Test
    void gzipThatHoldsNoTarIsRefused() throws IOException {
        Path archive = dir.resolve("text.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(TestData.text(5000, 2));
        }

        assertRefused(archive, ArchiveLimits.sources())
                .hasMessageStartingWith("'text.tar.gz' is a gzip file but not a valid tar archive (")
                .hasMessageEndingWith("); give a .tar.gz archive");
    }

    @Test
    void aForgedHugeHeaderIsRefusedBeforeItIsReadIntoMemory() throws IOException {
        Path archive = dir.resolve("header.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(archive)))) {
            tar.putArchiveEntry(new TarArchiveEntry("first"));
            tar.closeArchiveEntry();
            // A GNU long name of 3 MiB, written by hand: the header that names the next entry.
            TarArchiveEntry longName = new TarArchiveEntry(TarConstants.GNU_LONGLINK, TarConstants.LF_GNUTYPE_LONGNAME);
            longName.setSize(3 << 20);
            tar.putArchiveEntry(longName);
            tar.write("n".repeat(3 << 20).getBytes(StandardCharsets.US_ASCII));
            tar.closeArchiveEntry();
            tar.putArchiveEntry(new TarArchiveEntry("named-by-the-long-name"));
            tar.closeArchiveEntry();
        }

        assertRefused(archive, ArchiveLimits.packages()).hasMessage("the archive has more than 1048576 bytes of headers or"
                + " padding after entry 'first' (long names, pax headers, data in directory or link entries); the archive is refused");
    }

    @Test
    void aCompressibleBombStopsAtTheLimitWithoutReadingTheWholeArchive() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bomb))) {
            TarArchiveEntry entry = new TarArchiveEntry("zeros");
            entry.setSize(256L << 20);
            tar.putArchiveEntry(entry);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                tar.write(zeros);
            }
            tar.closeArchiveEntry();
        }
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(bomb.toByteArray()));

        assertThatThrownBy(() -> new TarGzExtractor().extract(in, target, new ArchiveLimits(10, 1 << 20, false)))
                .hasMessage("the archive unpacks to more than 1048576 bytes (the limit), reached at entry 'zeros';"
                        + " leave out files the application does not need");
        assertThat(in.count).isLessThan(bomb.size() / 2);
        assertThat(Trees.isEmptyDirectory(target)).isTrue();
    }

    @Test
    void aStreamIsReadButNotClosedAndMessagesCallItTheArchive() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream("not gzip".getBytes()) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        assertThatThrownBy(() -> new TarGzExtractor().extract(in, target, ArchiveLimits.sources()))
                .hasMessage("the archive is not a gzip file; give a .tar.gz archive");
        assertThat(closed[0]).isFalse();
    }

    @Test
    void aStreamThatFailsToReadIsAnInternalFailureNotABadArchive() throws IOException {
        byte[] archive = Files.readAllBytes(new TestArchive().file("a", TestData.random(300_000, 1), 0644).writeTo(dir, Format.TAR_GZ));
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(archive)) {
            private int reads;

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (++reads > 2) {
                    throw new IOException("connection reset");
                }
                return super.read(bytes, offset, Math.min(length, 1000));
            }
        };

        assertThatThrownBy(() -> new TarGzExtractor().extract(failing, target, ArchiveLimits.sources()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessage("could not read the archive: java.io.IOException: connection reset; upload or copy it again");
        assertThat(Trees.isEmptyDirectory(target)).isTrue();
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedAndLeftAlone() throws IOException {
        Path archive = new TestArchive().file("a", "x").writeTo(dir, Format.TAR_GZ);
        Files.writeString(target.resolve("precious"), "keep me");

        assertThatThrownBy(() -> new TarGzExtractor().extract(archive, target, ArchiveLimits.sources()))
                .hasMessage("the unpack target '" + target + "' is not empty; unpack into a new empty directory");
        assertThat(target.resolve("precious")).hasContent("keep me");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path archive, ArchiveLimits limits)
            throws IOException {
        Throwable thrown = catchThrowable(
                () -> new TarGzExtractor().extract(archive, target, limits));
        assertThat(thrown).isInstanceOfSatisfying(PaasmakerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ARCHIVE_REJECTED));
        assertThat(Trees.isEmptyDirectory(target)).as("nothing is left in the target").isTrue();
        return assertThat(thrown);
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            count += Math.max(read, 0);
            return read;
        }
    }
}
