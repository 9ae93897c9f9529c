package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;

/**
 * The manifest's runtime version chooses among the JDKs of this machine: Debian's 17 and the JDK 25
 * that lies beside it under /usr/lib/jvm where there is one (Debian's packages offer no second JDK), and
 * always a second JDK the test makes in an operator's directory of runtimes: links to this JVM's JDK with
 * a release file that calls it 16.0.1. Each is started and asked over HTTP which Java it runs on.
 */
class RuntimeVersionSelectionTest {

    /** A single-file Java program (run from source, so the chosen JDK's java compiles and runs it). */
    private static final String SERVER = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class Server {
                public static void main(String[] args) throws Exception {
                    HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 0);
                    server.createContext("/", exchange -> {
                        byte[] body = ("java " + System.getProperty("java.version") + " PM_PORT="
                                + System.getenv("PM_PORT") + " JAVA_HOME=" + System.getenv("JAVA_HOME"))
                                .getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    @TempDir
    static Path jdks;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder.settingsEnvironment(
            Map.of("PAASMAKER_RUNTIME_JAVA_DIRECTORIES", jdks.toString())));

    @BeforeAll
    static void aJdkMadeOfLinksToThisOneCalledSixteen() throws IOException {
        Path real = Path.of(System.getProperty("java.home"));
        Path made = Files.createDirectories(jdks.resolve("made-16"));
        try (Stream<Path> entries = Files.list(real)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals("release")).toList()) {
                Files.createSymbolicLink(made.resolve(entry.getFileName().toString()), entry.toRealPath());
            }
        }
        Files.writeString(made.resolve("release"), "JAVA_VERSION=\"16.0.1\"\n");
    }

    @Test
    void aSecondJdkMadeOfLinksAndCalledSixteenInItsReleaseFileIsChosenByTheManifestsVersion() throws Exception {
        Path made = jdks.resolve("made-16");
        assertThat(fixture.engine().nodes().runtimes().get("paasmaker.runtime.java"))
                .contains("16.0.1").anyMatch(v -> v.startsWith("17."));

        assertThat(answer("java16", "16")).as("the made JDK, by its home")
                .endsWith("JAVA_HOME=" + made);
        assertThat(answer("java17-again", "17")).startsWith("java 17.").doesNotContain("JAVA_HOME=" + made);
    }

    @Test
    void theManifestsVersionChoosesTheJdkSeventeenOrTwentyFive() throws Exception {
        Optional<String> twentyFive = jdkMajor("25");
        assumeTrue(twentyFive.isPresent(), "this machine has no JDK 25 under /usr/lib/jvm beside Java 17");

        assertThat(fixture.engine().nodes().runtimes().get("paasmaker.runtime.java"))
                .contains(twentyFive.get()).anyMatch(v -> v.startsWith("17."));
        assertThat(answer("java25", "25")).startsWith("java " + twentyFive.get() + " PM_PORT=")
                .contains("JAVA_HOME=/usr/lib/jvm/temurin-25");
        assertThat(answer("java17", "17")).startsWith("java 17.");
        assertThat(answer("java-exact", twentyFive.get())).startsWith("java " + twentyFive.get());
    }

    @Test
    void aVersionTheNodeLacksIsRefusedAtUploadWithTheVersionsItHas() throws Exception {
        JobView job = fixture.prepare(SourceSpec.directory(app("java-missing", "11")));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.summary()).contains("the runtime paasmaker.runtime.java has no version '11' on this node; it has: ")
                .contains("17.");
    }

    private String answer(String name, String version) throws Exception {
        VersionId id = fixture.prepareFolder(app(name, version)).id();
        int port = fixture.startOne(id);
        String answer = EngineFixture.get(port, "/");
        assertThat(answer).contains("PM_PORT=" + port);
        return answer;
    }

    private Path app(String name, String version) throws IOException {
        return EngineFixture.writeApp(fixture.temp().resolve(name), Map.of("Server.java", SERVER, "manifest.yml", """
                manifest: {format: 1}
                application: {name: %s}
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.java
                      version: "%s"
                      parameters:
                        launch_command: "java Server.java %%(port)d"
                        start_timeout: 60
                """.formatted(name, version)));
    }

    /** The full version of a JDK of the given major under /usr/lib/jvm, read from its release file. */
    private static Optional<String> jdkMajor(String major) throws IOException {
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.map(jdk -> jdk.resolve("release")).filter(Files::isRegularFile).map(release -> {
                try {
                    return Files.readString(release).lines().filter(l -> l.startsWith("JAVA_VERSION=\""))
                            .map(l -> l.substring("JAVA_VERSION=\"".length(), l.length() - 1)).findFirst().orElse("");
                } catch (IOException e) {
                    return "";
                }
            }).filter(v -> v.startsWith(major + ".")).findFirst();
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
