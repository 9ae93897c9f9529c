package org.paasmaker.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.Paasmaker;

/** What crashed runs left under the home goes when the next engine starts; nothing outside the home does. */
class StaleFilesTest {

    private static final String PACKAGE = "ab".repeat(32) + ".tar.gz";

    @TempDir
    Path temp;

    @Test
    void workingCopiesHalfWrittenPackagesUploadsAndGoneCronsGoAndLinksOutAreNotFollowed() throws Exception {
        Path home = temp.resolve("home");
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious.txt"), "not the platform's");
        Path copy = Files.createDirectories(home.resolve("work/0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11"));
        Files.writeString(copy.resolve("app.py"), "print('half prepared')\n");
        Files.createSymbolicLink(copy.resolve("data"), outside);
        Files.createDirectories(home.resolve("packages"));
        Files.write(home.resolve("packages/incoming-123.part"), new byte[4096]);
        Path stored = Files.write(home.resolve("packages").resolve(PACKAGE), new byte[100]);
        Files.createDirectories(home.resolve("uploads"));
        Files.write(home.resolve("uploads/upload-1.tar.gz"), new byte[2048]);
        Files.createSymbolicLink(home.resolve("uploads/upload-2.tar.gz"), precious);
        Path crons = Files.createDirectories(home.resolve("crons"));
        for (String file : new String[] {"app-999~web~0~5m.ledger", "app-999~web~0~5m.log", "app-999~web~0~5m.log.1"}) {
            Files.writeString(crons.resolve(file), "of a cron whose application is gone\n");
        }
        Path notes = Files.writeString(crons.resolve("notes"), "an operator's\n");

        try (Paasmaker engine = Paasmaker.builder().home(home).build()) {
            assertThat(children(home.resolve("work"))).isEmpty();
            assertThat(children(home.resolve("uploads"))).isEmpty();
            assertThat(children(home.resolve("packages"))).containsExactly(stored);
            assertThat(children(crons)).containsExactly(notes);
            assertThat(precious).hasContent("not the platform's");
            assertThat(children(outside)).containsExactly(precious);
            assertThat(jobLogs(home)).contains(
                    "Deleted work/0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11 (",
                    "Deleted packages/incoming-123.part (4.0 KB)",
                    "Deleted uploads/upload-1.tar.gz (2.0 KB)",
                    "Deleted crons/app-999~web~0~5m.log.1 (",
                    "Deleted 7 leftovers: ");
        }
    }

    @Test
    void aFolderOfTheHomeThatLinksOutIsLeftAlone() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("upload-9.tar.gz"), "someone else's");
        Files.createSymbolicLink(home.resolve("uploads"), outside);

        try (Paasmaker engine = Paasmaker.builder().home(home).build()) {
            assertThat(precious).hasContent("someone else's");
            assertThat(jobLogs(home)).doesNotContain("Deleted");
        }
    }

    @Test
    void aCleanHomeMakesNoJob() throws Exception {
        Path home = temp.resolve("home");
        try (Paasmaker engine = Paasmaker.builder().home(home).build()) {
            assertThat(jobLogs(home)).isEmpty();
        }
    }

    @Test
    void onlyPathsInsideTheHomePass() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(home.resolve("link"), outside);
        Files.createDirectories(home.resolve("work"));
        HomePaths paths = new HomePaths(home);

        assertThat(paths.requireInside(home.resolve("work/x"))).isNotNull();
        assertThat(paths.requireInside(home.resolve("link"))).as("the link itself, not what it points to").isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> paths.requireInside(home.resolve("link/file")))
                .hasMessageContaining("is not inside the platform's home");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> paths.requireInside(outside.resolve("file")))
                .hasMessageContaining("the platform deletes only its own files");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> paths.requireInside(home))
                .hasMessageContaining("is not inside");
    }

    private static java.util.List<Path> children(Path directory) throws Exception {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.toList();
        }
    }

    private static String jobLogs(Path home) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(home.resolve("jobs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }
}
