package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/paasmaker}, the launcher users type: it finds the jar next to it and shares the classes' archive. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("../bin/paasmaker").toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("paasmaker.jar", "target/paasmaker.jar"));

    private static CommandLineRun run(Path launcher, Path directory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return CommandLineRun.process(directory, environment, List.of(launcher.toString()), args);
    }

    /** A checkout of its own: bin/paasmaker, what it sources and, if asked, the jar where the launcher looks for it. */
    private static Path checkout(Path root, boolean withJar) throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("paasmaker"));
        Files.copy(LAUNCHER.resolveSibling("java-cds.sh"), bin.resolve("java-cds.sh"));
        if (withJar) {
            Files.copy(JAR, Files.createDirectories(root.resolve("paasmaker-client/target")).resolve("paasmaker.jar"));
        }
        return bin.resolve("paasmaker");
    }

    @Test
    void showsTheVersion(@TempDir Path directory) throws Exception {
        CommandLineRun result = run(LAUNCHER, directory, Map.of(), "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("paasmaker \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava .+\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void loadsTheCommandLineFromTheArchiveTheBuildMade(@TempDir Path directory) throws Exception {
        Path classes = directory.resolve("classes.txt");
        Files.copy(CommandLineRun.manifest("hello.yml"), directory.resolve("manifest.yml"));

        CommandLineRun result = run(LAUNCHER, directory,
                Map.of("PAASMAKER_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), "manifest", "validate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("manifest.yml is valid");
        assertThat(Files.readString(classes)).contains("org.paasmaker.client.cli.DeployCommand source: shared objects"
                + " file (top)");
    }

    @Test
    void makesTheArchiveOnItsFirstRunWhenThereIsNone(@TempDir Path root) throws Exception {
        Path launcher = checkout(root, true);

        CommandLineRun result = run(launcher, root, Map.of(), "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("paasmaker ").doesNotContain("cds", "warning");
        assertThat(result.err()).isEmpty();
        try (Stream<Path> files = Files.list(root.resolve("paasmaker-client/target"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.matches("paasmaker-java.+\\.jsa")).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void buildsTheJarWhenItIsMissingAndSaysHowWhenThatFails(@TempDir Path root) throws Exception {
        // A checkout with no sources: the launcher's build fails, and it says what it ran and what to run.
        Path launcher = checkout(root, false);

        CommandLineRun result = run(launcher, root, Map.of(), "--version");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("paasmaker: building the command line first (once)")
                .contains("failed; run 'mvn package -DskipTests -pl paasmaker-client -am' in " + root.toRealPath());
    }
}
