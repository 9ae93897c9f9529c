package org.paasmaker.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.source.Source;

/** Each source into a fresh working copy, from real directories and real git repositories. */
class SourcesTest {

    @TempDir
    Path temp;

    @Test
    void aDirectoryIsCopiedWithItsPermissionsAndLinks() throws Exception {
        Path original = temp.resolve("original");
        Files.createDirectories(original.resolve("sub"));
        Files.writeString(original.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(original.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(original.resolve("link"), Path.of("run.sh"));
        Files.createDirectories(original.resolve("empty"));

        Path copy = fetch(new DirectorySource(), Map.of("location", temp.resolve("original").toString()));

        assertThat(copy.resolve("run.sh")).hasContent("#!/bin/sh\necho hi");
        assertThat(Files.getPosixFilePermissions(copy.resolve("run.sh"))).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(Files.readSymbolicLink(copy.resolve("link"))).isEqualTo(Path.of("run.sh"));
        assertThat(copy.resolve("empty")).isEmptyDirectory();
        assertThat(copy.resolve("sub")).isDirectory();
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        assertThatThrownBy(() -> fetch(new DirectorySource(), Map.of("location", temp.resolve("nowhere").toString())))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED))
                .hasMessage("the source directory '" + temp.resolve("nowhere") + "' does not exist or is not a directory");
    }

    @Test
    void gitClonesMasterAtHeadByDefaultAndLeavesNoHistory() throws Exception {
        Path repository = temp.resolve("repo");
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("master").call()) {
            commit(git, "app.txt", "one");
            commit(git, "app.txt", "two");
        }

        Path copy = fetch(new GitSource(), Map.of("location", repository.toUri().toString()));

        assertThat(copy.resolve("app.txt")).hasContent("two");
        assertThat(copy.resolve(".git")).doesNotExist();
    }

    @Test
    void gitChecksOutTheAskedBranchAndRevision() throws Exception {
        Path repository = temp.resolve("repo");
        RevCommit first;
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("master").call()) {
            commit(git, "app.txt", "master");
            git.checkout().setCreateBranch(true).setName("feature").call();
            first = commit(git, "app.txt", "feature one");
            commit(git, "app.txt", "feature two");
        }

        Path head = fetch(new GitSource(), Map.of("location", repository.toString(), "branch", "feature"));
        Path pinned = fetch(new GitSource(), Map.of("location", repository.toString(), "branch", "feature",
                "revision", first.name()));
        Path shortRevision = fetch(new GitSource(), Map.of("location", repository.toString(), "branch", "feature",
                "revision", first.name().substring(0, 10)));

        assertThat(head.resolve("app.txt")).hasContent("feature two");
        assertThat(pinned.resolve("app.txt")).hasContent("feature one");
        assertThat(shortRevision.resolve("app.txt")).hasContent("feature one");
    }

    @Test
    void gitTakesTheDefaultBranchOfARepositoryWithoutMaster() throws Exception {
        Path repository = temp.resolve("repo");
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            commit(git, "app.txt", "on main");
        }

        Path copy = fetch(new GitSource(), Map.of("location", repository.toString()));

        assertThat(copy.resolve("app.txt")).hasContent("on main");
    }

    @Test
    void gitNamesAMissingBranchAndTheOnesThatExist() throws Exception {
        Path repository = temp.resolve("repo");
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("master").call()) {
            commit(git, "app.txt", "one");
        }

        assertThatThrownBy(() -> fetch(new GitSource(), Map.of("location", repository.toString(), "branch", "nope")))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED))
                .hasMessageContaining("has no branch 'nope'").hasMessageContaining("it has: master");
        assertThatThrownBy(() -> fetch(new GitSource(), Map.of("location", repository.toString(), "revision", "0123456789abcdef")))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED))
                .hasMessageContaining("has no revision '0123456789abcdef'");
        assertThatThrownBy(() -> fetch(new GitSource(), Map.of("location", temp.resolve("missing").toString())))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED))
                .hasMessageContaining(temp.resolve("missing").toString());
    }

    @Test
    void aTarballMadeByTarIsUnpacked() throws Exception {
        Path original = temp.resolve("original");
        Files.createDirectories(original.resolve("bin"));
        Files.writeString(original.resolve("bin/start.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(original.resolve("bin/start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(original.resolve("manifest.yml"), "manifest: {format: 1}\n");
        for (String name : List.of("app.tar.gz", "app.tgz")) {
            Path archive = temp.resolve(name);
            Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", original.toString(), ".")
                    .inheritIO().start();
            assertThat(tar.waitFor()).isZero();

            Path copy = fetch(new ArchiveSource(ArchiveSource.Format.TAR_GZ), Map.of("location", archive.toString()));

            assertThat(copy.resolve("manifest.yml")).hasContent("manifest: {format: 1}");
            assertThat(copy.resolve("bin/start.sh")).isExecutable();
        }
    }

    @Test
    void aZipIsUnpacked() throws Exception {
        Path archive = temp.resolve("app.zip");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.yml"));
            zip.write("manifest: {format: 1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("web/index.html"));
            zip.write("<h1>hi</h1>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Path copy = fetch(new ArchiveSource(ArchiveSource.Format.ZIP), Map.of("location", archive.toString()));

        assertThat(copy.resolve("manifest.yml")).hasContent("manifest: {format: 1}");
        assertThat(copy.resolve("web/index.html")).hasContent("<h1>hi</h1>");
    }

    @Test
    void anArchiveThatEscapesIsRefusedAndLeavesNothingBehind() throws Exception {
        Path archive = temp.resolve("evil.tar.gz");
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(archive)))) {
            byte[] content = "pwned".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (String name : List.of("fine.txt", "../escaped.txt")) {
                var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name, true);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        Path target = Files.createDirectories(temp.resolve("jail/copy"));

        assertThatThrownBy(() -> new ArchiveSource(ArchiveSource.Format.TAR_GZ)
                .fetch(PluginParameters.of(Map.of("location", archive.toString())), new RecordingStep(target)))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ARCHIVE_REJECTED))
                .hasMessageContaining("'../escaped.txt'");
        assertThat(temp.resolve("jail/escaped.txt")).doesNotExist();
        assertThat(target.resolve("fine.txt")).doesNotExist();
    }

    @Test
    void aMissingArchiveIsAClearError() {
        assertThatThrownBy(() -> fetch(new ArchiveSource(ArchiveSource.Format.ZIP), Map.of("location", "/no/such.zip")))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED))
                .hasMessage("the archive '/no/such.zip' does not exist");
    }

    private static RevCommit commit(Git git, String file, String content) throws Exception {
        Files.writeString(git.getRepository().getWorkTree().toPath().resolve(file), content);
        git.add().addFilepattern(file).call();
        return git.commit().setMessage("write " + content).setAuthor("Test", "test@example.com")
                .setCommitter("Test", "test@example.com").setSign(false).call();
    }

    private Path fetch(Source source, Map<String, String> parameters) throws Exception {
        Path target = Files.createTempDirectory(temp, "copy-");
        source.fetch(PluginParameters.of(parameters), new RecordingStep(target));
        return target;
    }

    /** A step context with nothing behind it but a directory: sources never run processes. */
    private record RecordingStep(Path workingDirectory) implements StepContext {
        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public StepContext with(Path directory, Map<String, String> environment) {
            return new RecordingStep(directory);
        }

        @Override
        public void log(String line) {
        }

        @Override
        public int run(List<String> command) {
            throw new UnsupportedOperationException("sources run no processes");
        }

        @Override
        public void checkAborted() {
        }
    }
}
