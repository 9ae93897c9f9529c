package org.paasmaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: prepare the Java sample with the embedded engine. */
class MainTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void preparesTheJavaSampleAndSaysWhereItsPackageIs() {
        int exit = run("prepare", sample("hello-java"));

        assertThat(exit).as(err.toString()).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Prepare a new version from paasmaker.scm.directory").contains(": SUCCESS")
                .contains("Prepare command 1 (paasmaker.prepare.shell): SUCCESS");
        Matcher where = Pattern.compile("Version 1 is PREPARED; its package is (\\S+)").matcher(printed);
        assertThat(where.find()).as(printed).isTrue();
        assertThat(Path.of(where.group(1))).isRegularFile().startsWith(home);
    }

    @Test
    void theOriginalStylePythonSamplePreparesToo() {
        assertThat(run("prepare", sample("hello-python"), "--workspace", "staging")).as(out.toString()).isZero();
    }

    @Test
    void aFailedPrepareShowsTheFailingStepsLog() throws Exception {
        Path app = Files.createDirectories(home.resolve("broken"));
        Files.writeString(app.resolve("manifest.yml"), """
                manifest: {format: 1}
                application:
                  name: broken
                  prepare:
                    commands:
                      - plugin: paasmaker.prepare.shell
                        parameters: {commands: ["echo compiling", "exit 7"]}
                instances: []
                """);

        int exit = run("prepare", app.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).contains("FAILED").contains("--- log of 'Prepare command 1 (paasmaker.prepare.shell)' ---")
                .contains("compiling");
    }

    @Test
    void runStartsTheInstancesAndRemovesThemWhenStopped() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> answer = new java.util.concurrent.atomic.AtomicReference<>();
        int exit = Main.run(List.of("run", sample("hello-python")), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Paasmaker.builder().home(home.resolve("data")), () -> {
                    Matcher url = Pattern.compile("answers on (http://localhost:\\d+/)").matcher(out.toString());
                    assertThat(url.find()).as(out.toString()).isTrue();
                    try {
                        answer.set(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(url.group(1))).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });

        assertThat(exit).as(err.toString()).isZero();
        assertThat(answer.get()).contains("\"name\": \"hello-python\"");
        assertThat(out.toString()).contains("Stopped and removed the instances of version 1.");
        try (var left = Files.list(home.resolve("data/instances"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void badArgumentsPrintTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("usage:");
        assertThat(run()).isEqualTo(2);
        assertThat(run("deploy", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command 'deploy'");
        assertThat(run("prepare")).isEqualTo(2);
        assertThat(err.toString()).contains("the SOURCE to prepare is missing").contains("usage:");
        assertThat(run("prepare", "a", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("unexpected argument '--bogus'");
    }

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Paasmaker.builder().home(home.resolve("data")),
                () -> { });
    }

    private static String sample(String name) {
        // Surefire runs in the module directory; the samples live at the reactor's root.
        return Path.of("..", "samples", name).toAbsolutePath().normalize().toString();
    }
}
