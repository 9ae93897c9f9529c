package org.paasmaker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.api.rest.WireFixtures;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.client.Tarballs.Entry;

/** New versions: directories packed while they upload, archives as they are, and sources the server fetches. */
class VersionsUploadTest {

    private static final String VERSIONS = "workspaces/dev/versions";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeServer server = new FakeServer();
    private final PaasmakerClient client = server.client();

    @BeforeEach
    void answerTheUpload() {
        server.fixture("POST", VERSIONS, 202, "version-accepted.json");
    }

    private Path write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aDirectoryIsPackedWithItsModesAndLinksButNotItsGitMetadata() throws IOException {
        Path code = temp.resolve("hello");
        write(code.resolve("manifest.yml"), "manifest:\n  format: 1\n", "rw-r--r--");
        write(code.resolve("bin/start.sh"), "#!/bin/sh\nexec python3 app.py\n", "rwxr-x---");
        write(code.resolve("app.py"), "print('hello')\n", "rw-------");
        Files.createSymbolicLink(code.resolve("main.py"), Path.of("app.py"));
        Files.createSymbolicLink(code.resolve("bin/up"), Path.of("../bin"));
        write(code.resolve(".git/HEAD"), "ref: refs/heads/main\n", "rw-r--r--");
        write(code.resolve("lib/.git"), "gitdir: ../.git/modules/lib\n", "rw-r--r--");
        write(code.resolve("lib/ü.txt"), "non-ASCII names are kept\n", "rw-r--r--");
        write(code.resolve(".env.example"), "A=1\n", "rw-r--r--");
        List<Long> sent = new CopyOnWriteArrayList<>();
        List<OptionalLong> totals = new CopyOnWriteArrayList<>();

        VersionAccepted accepted = client.versions().create("dev", VersionSource.directory(code), (bytes, total) -> {
            sent.add(bytes);
            totals.add(total);
        });

        FakeServer.Request request = server.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/" + VERSIONS);
        assertThat(request.query()).isEqualTo("manifest=manifest.yml");
        assertThat(request.header("Content-Type")).isEqualTo("application/gzip");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeServer.TOKEN);
        List<Entry> entries = Tarballs.read(new ByteArrayInputStream(request.body()), 1024);
        assertThat(entries).containsExactly(
                new Entry(".env.example", 'f', 0644, null, 4, "A=1\n"),
                new Entry("app.py", 'f', 0600, null, 15, "print('hello')\n"),
                new Entry("bin/", 'd', 0755, null, 0, null),
                new Entry("bin/start.sh", 'f', 0750, null, 30, "#!/bin/sh\nexec python3 app.py\n"),
                new Entry("bin/up", 'l', 0777, "../bin", 0, null),
                new Entry("lib/", 'd', 0755, null, 0, null),
                new Entry("lib/ü.txt", 'f', 0644, null, 25, "non-ASCII names are kept\n"),
                new Entry("main.py", 'l', 0777, "app.py", 0, null),
                new Entry("manifest.yml", 'f', 0644, null, 22, "manifest:\n  format: 1\n"));
        Wire.assertIsFixture(accepted, "version-accepted.json");
        assertThat(accepted.version().state()).isEqualTo(VersionState.NEW);
        assertThat(accepted.application().name()).isEqualTo("hello-python");
        assertThat(sent).isSorted().last().isEqualTo((long) request.body().length);
        assertThat(totals).containsOnly(OptionalLong.empty());
    }

    @Test
    void theManifestsPathGoesAsAQueryParameter() throws IOException {
        Path code = temp.resolve("app");
        write(code.resolve("deploy/manifest.yml"), "manifest:\n  format: 1\n", "rw-r--r--");

        client.versions().create("dev", VersionSource.directory(code).manifest("deploy/manifest.yml"));

        assertThat(server.last().query()).isEqualTo("manifest=deploy%2Fmanifest.yml");
    }

    @Test
    void anArchiveIsSentAsItIsWithItsTypeAndTotal() throws IOException {
        Path tgz = Files.write(temp.resolve("hello.tgz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Path zip = temp.resolve("hello.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("manifest.yml"));
            out.write("manifest:\n".getBytes(StandardCharsets.UTF_8));
        }
        List<Long> sent = new CopyOnWriteArrayList<>();
        List<OptionalLong> totals = new CopyOnWriteArrayList<>();

        client.versions().create("dev", VersionSource.archive(tgz).manifest("app/manifest.yml"), (bytes, total) -> {
            sent.add(bytes);
            totals.add(total);
        });
        FakeServer.Request tarball = server.last();
        client.versions().create("dev", VersionSource.archive(zip));
        FakeServer.Request zipped = server.last();

        assertThat(tarball.header("Content-Type")).isEqualTo("application/gzip");
        assertThat(tarball.query()).isEqualTo("manifest=app%2Fmanifest.yml");
        assertThat(tarball.body()).isEqualTo(Files.readAllBytes(tgz));
        assertThat(sent).last().isEqualTo(7L);
        assertThat(totals).containsOnly(OptionalLong.of(7));
        assertThat(zipped.header("Content-Type")).isEqualTo("application/zip");
        assertThat(zipped.body()).isEqualTo(Files.readAllBytes(zip));
        assertThat(VersionSource.archive(Path.of("a.TAR.GZ")).contentType()).isEqualTo("application/gzip");
    }

    @Test
    void whatCannotBeUploadedIsRefusedBeforeAnyRequest() throws IOException, InterruptedException {
        Path noManifest = Files.createDirectories(temp.resolve("empty"));
        Path withPipe = temp.resolve("pipe");
        write(withPipe.resolve("manifest.yml"), "manifest:\n", "rw-r--r--");
        Process mkfifo = new ProcessBuilder("mkfifo", withPipe.resolve("queue").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        PaasmakerClientException tar = catchThrowableOfType(PaasmakerClientException.class,
                () -> VersionSource.archive(temp.resolve("hello.tar")));
        PaasmakerClientException missing = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.versions().create("dev", VersionSource.archive(temp.resolve("nope.tar.gz"))));
        PaasmakerClientException manifest = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.versions().create("dev", VersionSource.directory(noManifest)));
        PaasmakerClientException notADirectory = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.versions().create("dev", VersionSource.directory(temp.resolve("nowhere"))));
        PaasmakerClientException pipe = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.versions().create("dev", VersionSource.directory(withPipe)));
        PaasmakerClientException escaping = catchThrowableOfType(PaasmakerClientException.class,
                () -> VersionSource.directory(withPipe).manifest("../manifest.yml"));

        assertThat(List.of(tar, missing, manifest, notADirectory, pipe, escaping))
                .allSatisfy(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThat(tar.getMessage()).contains("hello.tar", ".tar.gz, .tgz or .zip");
        assertThat(missing.getMessage()).contains("nope.tar.gz' is not a file");
        assertThat(manifest.getMessage()).contains("has no manifest.yml");
        assertThat(notADirectory.getMessage()).contains("nowhere' is not a directory");
        assertThat(pipe.getMessage()).contains("queue' is neither a file, a directory nor a symbolic link");
        assertThat(escaping.getMessage()).contains("must be a path within the code");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aFileThatGoesAwayWhileItIsPackedFailsTheUploadInsteadOfTruncatingIt() throws IOException {
        Path code = temp.resolve("changing");
        write(code.resolve("manifest.yml"), "manifest:\n", "rw-r--r--");
        byte[] noise = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(noise);
        Files.write(code.resolve("a-big.bin"), noise);
        Path late = write(code.resolve("z-late.txt"), "packed last\n", "rw-r--r--");
        AtomicBoolean deleted = new AtomicBoolean();

        // Once the first bytes went, the packer has listed the tree; and it cannot run more than a few chunks ahead
        // of the upload, so it has not reached the last file yet.
        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.versions().create("dev", VersionSource.directory(code), (sent, total) -> {
                    if (sent > 0 && deleted.compareAndSet(false, true)) {
                        try {
                            Files.delete(late);
                        } catch (IOException io) {
                            throw new java.io.UncheckedIOException(io);
                        }
                    }
                }));

        assertThat(deleted).isTrue();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("z-late.txt' went away while", "deploy again");
    }

    @Test
    void sourcesTheServerFetchesGoAsJson() {
        client.versions().create("dev", VersionSource.git("https://example.com/hello.git", "main",
                "4b825dc642cb6eb9a060e54bf8d69288fbee4904").manifest("deploy/manifest.yml"));
        FakeServer.Request git = server.last();
        client.versions().create("dev", VersionSource.serverDirectory("/srv/apps/hello"));
        FakeServer.Request directory = server.last();
        client.versions().create("dev", VersionSource.git("https://example.com/hello.git", "", null));
        FakeServer.Request bare = server.last();

        assertThat(git.header("Content-Type")).isEqualTo("application/json");
        assertThat(git.query()).isNull();
        assertThat(Wire.tree(git.text())).isEqualTo(Wire.tree(WireFixtures.read("new-version-request.json")));
        assertThat(Wire.tree(directory.text())).isEqualTo(Wire.tree(
                "{\"source\": {\"type\": \"directory\", \"path\": \"/srv/apps/hello\"}, \"manifest\": \"manifest.yml\"}"));
        assertThat(Wire.tree(bare.text())).isEqualTo(Wire.tree(
                "{\"source\": {\"type\": \"git\", \"url\": \"https://example.com/hello.git\"}, \"manifest\": \"manifest.yml\"}"));
    }

    @Test
    void aBigDirectoryUploadsInAHeapSmallerThanItself() throws Exception {
        Path code = temp.resolve("big");
        write(code.resolve("manifest.yml"), "manifest:\n", "rw-r--r--");
        byte[] noise = new byte[1024 * 1024];
        Random random = new Random(11);
        long total = 0;
        for (int file = 0; file < 3; file++) {
            try (OutputStream out = Files.newOutputStream(code.resolve("data-" + file + ".bin"))) {
                for (int mb = 0; mb < 16; mb++) {
                    random.nextBytes(noise);
                    out.write(noise);
                    total += noise.length;
                }
            }
        }
        List<List<Entry>> received = new CopyOnWriteArrayList<>();
        server.streaming("POST", VERSIONS, (request, exchange) -> {
            received.add(Tarballs.read(exchange.getRequestBody(), 1024));
            FakeServer.send(exchange, 202, "application/json", WireFixtures.read("version-accepted.json"));
        });
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                SmallHeapUpload.class.getName(), server.uri().toString(), FakeServer.TOKEN, code.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor()).as(output).isZero();
        assertThat(total).isGreaterThan(32L * 1024 * 1024);
        assertThat(output).contains("uploaded as version 8");
        assertThat(received).singleElement().satisfies(entries -> assertThat(entries)
                .extracting(Entry::name, Entry::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data-0.bin", 16L << 20),
                        org.assertj.core.groups.Tuple.tuple("data-1.bin", 16L << 20),
                        org.assertj.core.groups.Tuple.tuple("data-2.bin", 16L << 20),
                        org.assertj.core.groups.Tuple.tuple("manifest.yml", 10L)));
    }
}
