package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackToolTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void packsAndUnpacksWithOneSummaryLineEach() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(tree.resolve("file.txt"), "hello");

        assertThat(run("pack", dir.resolve("tree").toString(), dir.resolve("p.tar.gz").toString(), "--threads", "3", "--level", "9"))
                .isZero();
        assertThat(run("unpack", dir.resolve("p.tar.gz").toString(), dir.resolve("back").toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "packed 1 files, 1 directories, 0 links (5 bytes) into " + dir.resolve("p.tar.gz"),
                "unpacked 1 files, 1 directories, 0 links (5 bytes) into " + dir.resolve("back"));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        Trees.assertSameTree(dir.resolve("tree"), dir.resolve("back"));
    }

    @Test
    void aFailureIsOneLineAndExitCodeOne() {
        Path missing = dir.resolve("missing");

        assertThat(run("pack", missing.toString(), dir.resolve("p.tar.gz").toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("'" + missing + "' is not a directory; give the directory to pack\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(dir.resolve("p.tar.gz")).doesNotExist();
    }

    @Test
    void wrongArgumentsShowTheUsage() {
        assertThat(run("pack", "only-one")).isEqualTo(1);
        assertThat(run("pack", "a", "b", "--level", "fast")).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "unknown command or wrong arguments: pack only-one; usage: pack DIR OUT.tar.gz [--threads N] [--level L]"
                        + " | unpack IN.tar.gz DIR",
                "the option --level needs a whole number, not 'fast'; usage: pack DIR OUT.tar.gz [--threads N] [--level L]"
                        + " | unpack IN.tar.gz DIR");
    }

    private int run(String... args) {
        return PackTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
