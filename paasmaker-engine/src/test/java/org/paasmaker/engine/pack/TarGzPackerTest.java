package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

class TarGzPackerTest {

    private static final String LONG_NAME = "a-directory-name-that-is-rather-long-for-ustar-".repeat(3) + "/"
            + "and-a-file-name-over-one-hundred-characters-".repeat(3) + ".txt";

    @TempDir
    Path dir;

    private Path tree;

    @BeforeEach
    void makeTree() throws IOException {
        tree = Files.createDirectory(dir.resolve("tree"));
        write("bin/start.sh", "#!/bin/sh\necho started\n", "rwxr-x---");
        write("config/private.key", "secret", "rw-------");
        write("empty-file", "", "rw-r--r--");
        Files.createDirectories(tree.resolve("logs/empty-dir"));
        write(LONG_NAME, "long", "rw-r--r--");
        write("données/été-世界.txt", "unicode", "rw-r--r--");
        Files.write(tree.resolve("big.bin"), TestData.random(5 * ParallelGzipOutputStream.BLOCK_SIZE + 77, 5));
        Files.write(tree.resolve("big.txt"), TestData.text(9 * ParallelGzipOutputStream.BLOCK_SIZE + 3, 6));
        Files.createSymbolicLink(tree.resolve("bin/run"), Path.of("start.sh"));
        // Absolute, as a virtualenv's link to the system python; dangling, so that JUnit's clean-up stays quiet.
        Files.createSymbolicLink(tree.resolve("python"), Path.of("/opt/no-such-python/bin/python3"));
        Files.createSymbolicLink(tree.resolve("dangling"), Path.of("does/not/exist"));
        Files.setLastModifiedTime(tree.resolve("bin/start.sh"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
    }

    @Test
    void unpackGivesBackTheSameTree() throws IOException {
        byte[] archive = pack(new TarGzPacker());
        Path target = Files.createDirectory(dir.resolve("target"));

        ArchiveSummary summary = new TarGzPacker().unpack(new ByteArrayInputStream(archive), target, ArchiveLimits.packages());

        Trees.assertSameTree(tree, target);
        assertThat(Files.isExecutable(target.resolve("bin/start.sh"))).isTrue();
        long smallFiles = "#!/bin/sh\necho started\n".length() + "secret".length() + "long".length() + "unicode".length();
        assertThat(summary).isEqualTo(new ArchiveSummary(7, 6, 3,
                Files.size(tree.resolve("big.bin")) + Files.size(tree.resolve("big.txt")) + smallFiles));
    }

    @Test
    void realTarExtractsTheSameTree() throws Exception {
        Files.write(dir.resolve("package.tar.gz"), pack(new TarGzPacker()));
        Path target = Files.createDirectory(dir.resolve("target"));

        assertThat(Processes.run(dir, "gzip", "-t", "package.tar.gz").exitCode()).isZero();
        Processes.Result tar = Processes.run(dir, "tar", "xzf", "package.tar.gz", "-C", "target");

        assertThat(tar.stderr()).isEmpty();
        assertThat(tar.exitCode()).isZero();
        Trees.assertSameTree(tree, target);
    }

    @Test
    void entriesComeInSortedOrderWithoutTheRoot() throws Exception {
        Files.write(dir.resolve("package.tar.gz"), pack(new TarGzPacker()));

        List<String> listed = Processes.run(dir, "tar", "tzf", "package.tar.gz").stdoutText().lines().toList();

        String longDirectory = LONG_NAME.substring(0, LONG_NAME.indexOf('/') + 1);
        assertThat(listed).containsExactly(longDirectory, LONG_NAME, "big.bin", "big.txt", "bin/", "bin/run",
                "bin/start.sh", "config/", "config/private.key", "dangling", "données/", "données/été-世界.txt",
                "empty-file", "logs/", "logs/empty-dir/", "python");
    }

    @Test
    void theSameTreePacksToTheSameBytesWhateverTheThreadCount() throws IOException {
        byte[] first = pack(new TarGzPacker());

        assertThat(pack(new TarGzPacker())).isEqualTo(first);
        assertThat(pack(new TarGzPacker(6, 1))).isEqualTo(first);
    }

    @Test
    void symbolicLinksAreStoredNotFollowed() throws IOException {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not to be packed");
        Files.createSymbolicLink(tree.resolve("outside-link"), outside);
        Path target = Files.createDirectory(dir.resolve("target"));

        new TarGzPacker().unpack(new ByteArrayInputStream(pack(new TarGzPacker())), target, ArchiveLimits.packages());

        assertThat(Files.isSymbolicLink(target.resolve("outside-link"))).isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("outside-link"))).isEqualTo(outside);
        assertThat(Trees.relativePaths(target)).noneMatch(path -> path.endsWith("secret.txt"));
    }

    @Test
    void thousandsOfSmallFilesMakeTheRoundTrip() throws IOException {
        Path many = Files.createDirectory(dir.resolve("many"));
        for (int i = 0; i < 3000; i++) {
            Path file = many.resolve("dir" + i % 40).resolve("file" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "file number " + i + "\n".repeat(i % 7));
        }
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        ArchiveSummary packed = new TarGzPacker().pack(many, archive);
        Path target = Files.createDirectory(dir.resolve("target"));

        ArchiveSummary unpacked = new TarGzPacker().unpack(new ByteArrayInputStream(archive.toByteArray()), target,
                ArchiveLimits.sources());

        assertThat(unpacked).isEqualTo(packed);
        assertThat(packed.files()).isEqualTo(3000);
        assertThat(packed.directories()).isEqualTo(40);
        Trees.assertSameTree(many, target);
    }

    @Test
    void unpacksWhatRealTarPacked() throws Exception {
        Processes.Result tar = Processes.run(dir, "tar", "czf", "by-tar.tar.gz", "-C", "tree", ".");
        assertThat(tar.exitCode()).isZero();
        Path target = Files.createDirectory(dir.resolve("target"));

        try (InputStream in = Files.newInputStream(dir.resolve("by-tar.tar.gz"))) {
            new TarGzPacker().unpack(in, target, ArchiveLimits.packages());
        }

        Trees.assertSameTree(tree, target);
    }

    @Test
    void readOnlyDirectoriesStillReceiveTheirFilesAndStayDeletable() throws IOException {
        Files.setPosixFilePermissions(tree.resolve("bin"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Path target = Files.createDirectory(dir.resolve("target"));

        new TarGzPacker().unpack(new ByteArrayInputStream(pack(new TarGzPacker())), target, ArchiveLimits.packages());

        assertThat(target.resolve("bin/start.sh")).hasContent("#!/bin/sh\necho started");
        // The owner keeps write access, so that the platform can delete what it unpacked.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin")))).isEqualTo("rwxr-xr-x");
        Files.setPosixFilePermissions(tree.resolve("bin"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aSocketOrPipeInTheTreeIsRefusedByName() throws Exception {
        assertThat(Processes.run(tree, "mkfifo", "queue").exitCode()).isZero();

        assertThatThrownBy(() -> pack(new TarGzPacker()))
                .isInstanceOf(PaasmakerException.class)
                .hasMessage("'" + tree.resolve("queue") + "' is neither a file, a directory nor a symbolic link"
                        + " (a socket, a pipe or a device); remove it before packing");
    }

    @Test
    void aMissingTreeIsRefused() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> new TarGzPacker().pack(missing, OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessage("'" + missing + "' is not a directory; give the directory to pack");
    }

    @Test
    void packingStopsItsThreadsAlsoWhenItFails() throws Exception {
        assertThat(Processes.run(tree, "mkfifo", "queue").exitCode()).isZero();

        assertThatThrownBy(() -> pack(new TarGzPacker(6, 4))).isInstanceOf(PaasmakerException.class);

        ParallelGzipOutputStreamTest.awaitNoCompressionThreads();
    }

    @Test
    void aBadLevelOrThreadCountIsRefused() {
        assertThatThrownBy(() -> new TarGzPacker(10, 2)).hasMessage(
                "the compression level 10 is not between 0 and 9; use 1 for the fastest, 9 for the smallest, or 6 as gzip does");
        assertThatThrownBy(() -> new TarGzPacker(6, 0)).hasMessage(
                "the compression thread count 0 is less than 1; use at least 1, or leave it out to use every processor");
    }

    private byte[] pack(TarGzPacker packer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packer.pack(tree, out);
        return out.toByteArray();
    }

    private void write(String name, String content, String permissions) throws IOException {
        Path file = tree.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }
}
