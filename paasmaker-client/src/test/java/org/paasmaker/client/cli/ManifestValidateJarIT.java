package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a user does: {@code java -jar paasmaker.jar manifest validate ...}. */
class ManifestValidateJarIT {

    private static final Path JAR = Path.of(System.getProperty("paasmaker.jar", "target/paasmaker.jar"));

    private static CommandLineRun paasmaker(Path workingDirectory, String... args)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return CommandLineRun.process(workingDirectory, Map.of(), List.of(java.toString(), "-jar", JAR.toString()), args);
    }

    @Test
    void validatesAManifestInTheWorkingDirectory(@TempDir Path directory) throws Exception {
        Files.copy(CommandLineRun.manifest("hello.yml"), directory.resolve("manifest.yml"));

        CommandLineRun result = paasmaker(directory, "manifest", "validate");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo("manifest.yml is valid: application 'hello', instance types web (1), worker (2), services 1\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listsTheErrorsOfAnInvalidManifest(@TempDir Path directory) throws Exception {
        Files.copy(CommandLineRun.manifest("broken.yml"), directory.resolve("broken.yml"));

        CommandLineRun result = paasmaker(directory, "manifest", "validate", "broken.yml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out().lines()).hasSize(3).allMatch(line -> line.matches("broken\\.yml:\\d+: .+"));
        assertThat(result.out()).contains("broken.yml:10: instances[0].hostname: unknown key; did you mean 'hostnames'?");
        assertThat(result.err()).isEqualTo("3 errors in broken.yml\n");
    }

    @Test
    void saysThatTheFileIsMissingWithoutAStackTrace(@TempDir Path directory) throws Exception {
        CommandLineRun result = paasmaker(directory, "manifest", "validate", "nope.yml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("paasmaker: cannot read the manifest 'nope.yml': there is no such file\n");
    }

    @Test
    void showsItsVersion(@TempDir Path directory) throws Exception {
        CommandLineRun result = paasmaker(directory, "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("paasmaker ");
    }
}
