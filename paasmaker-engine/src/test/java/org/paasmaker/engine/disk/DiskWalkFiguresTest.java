package org.paasmaker.engine.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.disk.DiskKind;
import org.paasmaker.api.disk.DiskUsage;
import org.paasmaker.engine.Paasmaker;

/**
 * What a measure of the home costs on a big tree: 100 instances of 1,000 files each (a modest
 * node_modules apiece). Asserts the count; prints the time of each walk, for docs/benchmarks.md.
 */
class DiskWalkFiguresTest {

    private static final int INSTANCES = 100;
    private static final int FILES = 1000;
    private static final int BYTES = 100;

    @TempDir
    Path temp;

    @Test
    void aHundredThousandFilesAreWalkedOnce() throws Exception {
        Path home = temp.resolve("home");
        byte[] content = new byte[BYTES];
        for (int i = 0; i < INSTANCES; i++) {
            Path code = Files.createDirectories(home.resolve("instances").resolve(UUID.randomUUID().toString())
                    .resolve("code"));
            for (int d = 0; d < FILES / 100; d++) {
                Path directory = Files.createDirectories(code.resolve("node_modules/package-" + d));
                for (int f = 0; f < 100; f++) {
                    Files.write(directory.resolve("file-" + f + ".js"), content);
                }
            }
        }
        try (Paasmaker engine = Paasmaker.builder().home(home).diskLimit(new DiskLimit(0)).build()) {
            List<Long> millis = new ArrayList<>();
            DiskUsage usage = null;
            for (int run = 0; run < 5; run++) {
                long start = System.nanoTime();
                usage = engine.disk().measure();
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            long cached = System.nanoTime();
            engine.disk().usage();
            long cachedMicros = (System.nanoTime() - cached) / 1000;

            assertThat(usage.bytes().get(DiskKind.INSTANCES)).isEqualTo((long) INSTANCES * FILES * BYTES);
            System.out.printf(Locale.ROOT, "disk measure of %d files: %s ms (5 walks); a reused measure: %d us%n",
                    INSTANCES * FILES, millis, cachedMicros);
        }
    }
}
