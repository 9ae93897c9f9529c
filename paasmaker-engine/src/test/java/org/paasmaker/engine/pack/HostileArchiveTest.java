package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.pack.TestArchive.Format;

/**
 * Every escape and every limit, for tar.gz and zip alike: each archive starts with harmless entries,
 * so each test also shows that what was written before the refusal is gone again.
 */
class HostileArchiveTest {

    @TempDir
    Path dir;

    private Path target;
    private Path outside;

    @BeforeEach
    void makeDirectories() throws IOException {
        target = Files.createDirectory(dir.resolve("target"));
        outside = Files.createDirectory(dir.resolve("outside"));
    }

    private static TestArchive harmlessStart() {
        return new TestArchive().directory("app").file("app/main.py", "print('hello')").file("README", "read me");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void dotDotSegmentsThatClimbOutAreRefused(Format format) throws IOException {
        Path archive = harmlessStart().file("../../etc/passwd", "root::0:0").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.packages())
                .hasMessage("archive entry '../../etc/passwd' would be written outside the target directory; the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void dotDotSegmentsThatClimbOutAfterGoingDownAreRefused(Format format) throws IOException {
        Path archive = harmlessStart().file("app/../../outside/x", "x").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.sources())
                .hasMessage("archive entry 'app/../../outside/x' would be written outside the target directory; the archive is refused");
        assertThat(Trees.isEmptyDirectory(outside)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void dotDotSegmentsThatStayInsideAreFollowed(Format format) throws IOException {
        Path archive = harmlessStart().file("app/../docs/guide.txt", "guide").writeTo(dir, format);

        extract(archive, format, ArchiveLimits.sources());

        assertThat(target.resolve("docs/guide.txt")).hasContent("guide");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void absoluteNamesAreRefused(Format format) throws IOException {
        Path archive = harmlessStart().file("/etc/cron.d/evil", "* * * * * root sh").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.packages())
                .hasMessage("archive entry '/etc/cron.d/evil' has an absolute path; the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void symbolicLinksToAbsolutePathsAreRefusedInSources(Format format) throws IOException {
        Path archive = harmlessStart().symlink("link", "/etc").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.sources())
                .hasMessage("archive entry 'link' is a symbolic link to '/etc' outside the target directory; the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void symbolicLinksClimbingOutAreRefusedInSources(Format format) throws IOException {
        Path archive = harmlessStart().symlink("app/link", "../../outside").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.sources())
                .hasMessage("archive entry 'app/link' is a symbolic link to '../../outside' outside the target directory;"
                        + " the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void symbolicLinksThatLeadOutThroughAnotherLinkAreRefused(Format format) throws IOException {
        // 'up/..' reads as the target itself, but 'up' is the target, so 'up/..' is its parent.
        Path archive = harmlessStart().symlink("escape", "up/../outside").symlink("up", ".").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.sources())
                .hasMessage("archive entry 'escape' is a symbolic link to 'up/../outside' outside the target directory;"
                        + " the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void symbolicLinkLoopsAreRefusedInSources(Format format) throws IOException {
        Path archive = harmlessStart().symlink("a", "b").symlink("b", "a").writeTo(dir, format);

        // Refused as soon as the second link closes the loop.
        assertRefused(archive, format, ArchiveLimits.sources())
                .hasMessage("archive entry 'b' is a symbolic link to 'a' that loops through more links than a lookup may follow;"
                        + " the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void symbolicLinksInsideAreMade(Format format) throws IOException {
        Path archive = harmlessStart().symlink("app/readme", "../README").symlink("current", "app").writeTo(dir, format);

        extract(archive, format, ArchiveLimits.sources());

        assertThat(Files.readSymbolicLink(target.resolve("current"))).isEqualTo(Path.of("app"));
        assertThat(target.resolve("app/readme")).hasContent("read me");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void packagesMayLinkOutsideAsAVirtualenvDoes(Format format) throws IOException {
        // Dangling, so that JUnit's clean-up of the temporary directory stays quiet.
        Path archive = harmlessStart().symlink("venv/bin/python", "/opt/no-such-python/bin/python3").writeTo(dir, format);

        extract(archive, format, ArchiveLimits.packages());

        assertThat(Files.readSymbolicLink(target.resolve("venv/bin/python"))).isEqualTo(Path.of("/opt/no-such-python/bin/python3"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void writingThroughASymbolicLinkIsRefusedEvenInPackages(Format format) throws IOException {
        Path archive = harmlessStart().symlink("link", outside.toString()).file("link/evil.txt", "evil").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.packages())
                .hasMessage("archive entry 'link/evil.txt' would be written through the symbolic link 'link'; the archive is refused");
        assertThat(Trees.isEmptyDirectory(outside)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aLinkOverWhatAnEarlierEntryMadeADirectoryIsRefused(Format format) throws IOException {
        Path archive = harmlessStart().symlink("app", outside.toString()).writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.packages())
                .hasMessage("archive entry 'app' is a symbolic link, but an earlier entry made 'app' a directory; the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aFileUnderWhatAnEarlierEntryMadeAFileIsRefused(Format format) throws IOException {
        Path archive = harmlessStart().file("README/inner", "x").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.sources())
                .hasMessage("archive entry 'README/inner' needs 'README' to be a directory, but an earlier entry made it a file;"
                        + " the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aDuplicateFileReplacesTheEarlierOne(Format format) throws IOException {
        Path archive = harmlessStart().file("README", "second").directory("app").writeTo(dir, format);

        extract(archive, format, ArchiveLimits.sources());

        assertThat(target.resolve("README")).hasContent("second");
        assertThat(target.resolve("app/main.py")).exists();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void namedPipesAreRefused(Format format) throws IOException {
        Path archive = harmlessStart().fifo("queue").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.packages())
                .hasMessage("archive entry 'queue' is a device or a named pipe; the archive is refused");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void moreEntriesThanTheLimitAreRefused(Format format) throws IOException {
        TestArchive archive = harmlessStart();
        for (int i = 0; i < 10; i++) {
            archive.file("app/file" + i, "x");
        }

        assertRefused(archive.writeTo(dir, format), format, new ArchiveLimits(12, 1 << 20, false))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE))
                .hasMessage("the archive holds more than 12 entries (the limit); leave out files the application does not need");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void moreBytesThanTheLimitAreRefused(Format format) throws IOException {
        Path archive = harmlessStart().file("app/zeros", new byte[3 << 20], 0644).writeTo(dir, format);

        assertRefused(archive, format, new ArchiveLimits(100, 1 << 20, false))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE))
                .hasMessage("the archive unpacks to more than 1048576 bytes (the limit), reached at entry 'app/zeros';"
                        + " leave out files the application does not need");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void namesLongerThanThePathLimitAreRefused(Format format) throws IOException {
        String name = "deep/".repeat(1000) + "file";
        Path archive = harmlessStart().file(name, "x").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.sources())
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE))
                .hasMessage("archive entry '" + name.substring(0, 200) + "...' has a name of 5004 bytes, more than 4096"
                        + " (the limit); shorten its path");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void pathPartsLongerThanAFileNameMayBeAreRefused(Format format) throws IOException {
        String name = "app/" + "n".repeat(300);
        Path archive = harmlessStart().file(name, "x").writeTo(dir, format);

        assertRefused(archive, format, ArchiveLimits.sources())
                .hasMessage("archive entry '" + name.substring(0, 200) + "...' has a path part of 300 bytes, more than 255"
                        + " (the limit); shorten that name");
    }

    private void extract(Path archive, Format format, ArchiveLimits limits) {
        if (format == Format.TAR_GZ) {
            new TarGzExtractor().extract(archive, target, limits);
        } else {
            new ZipExtractor().extract(archive, target, limits);
        }
    }

    /** Asserts the refusal's code and that the target was left empty, and hands over the exception. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path archive, Format format, ArchiveLimits limits)
            throws IOException {
        Throwable thrown = catchThrowable(() -> extract(archive, format, limits));
        assertThat(thrown).isInstanceOfSatisfying(PaasmakerException.class,
                e -> assertThat(e.code()).isIn(ErrorCode.ARCHIVE_REJECTED, ErrorCode.TOO_LARGE));
        assertThat(target).isDirectory();
        assertThat(Trees.isEmptyDirectory(target)).as("nothing is left in the target").isTrue();
        return assertThat(thrown);
    }
}
