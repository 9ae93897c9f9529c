package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a user does: {@code java -jar paasmaker.jar manifest validate ...}. */
class ManifestValidateJarIT {

    private static final Path JAR = Path.of(System.getProperty("paasmaker.jar", "target/paasmaker.jar"));

    private record Result(int exitCode, String out, String err) {
    }

    private static Result paasmaker(Path workingDirectory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = workingDirectory.resolve("out.txt");
        Path err = workingDirectory.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("paasmaker " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void validatesAManifestInTheWorkingDirectory(@TempDir Path directory) throws Exception {
        Files.copy(CommandLineRun.manifest("hello.yml"), directory.resolve("manifest.yml"));

        Result result = paasmaker(directory, "manifest", "validate");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo("manifest.yml is valid: application 'hello', instance types web (1), worker (2), services 1\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listsTheErrorsOfAnInvalidManifest(@TempDir Path directory) throws Exception {
        Files.copy(CommandLineRun.manifest("broken.yml"), directory.resolve("broken.yml"));

        Result result = paasmaker(directory, "manifest", "validate", "broken.yml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out().lines()).hasSize(3).allMatch(line -> line.matches("broken\\.yml:\\d+: .+"));
        assertThat(result.out()).contains("broken.yml:10: instances[0].hostname: unknown key; did you mean 'hostnames'?");
        assertThat(result.err()).isEqualTo("3 errors in broken.yml\n");
    }

    @Test
    void saysThatTheFileIsMissingWithoutAStackTrace(@TempDir Path directory) throws Exception {
        Result result = paasmaker(directory, "manifest", "validate", "nope.yml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("paasmaker: cannot read the manifest 'nope.yml': there is no such file\n");
    }

    @Test
    void showsItsVersion(@TempDir Path directory) throws Exception {
        Result result = paasmaker(directory, "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("paasmaker ");
    }
}
