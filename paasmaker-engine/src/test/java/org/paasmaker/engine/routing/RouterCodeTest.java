package org.paasmaker.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.router.Closer;
import org.paasmaker.router.RawHttp;
import org.paasmaker.router.TestBackend;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RouterCodeTest {

    @TempDir
    Path temp;

    private final Closer closer = new Closer();
    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        try {
            closer.close();
        } finally {
            for (ProcessRecord record : new ProcessRecords(temp.resolve("state/process"), warnings::add).adoptable()) {
                new ProcessGroupKiller().stop(record.identity(), Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aJarNamedByTheSettingWinsAndAMissingOneIsNamed() throws Exception {
        Path jar = temp.resolve("router.jar");
        RouterCode code = RouterCode.from(Map.of(RouterCode.JAR_VARIABLE, jar.toString(),
                RouterCode.CLASS_PATH_VARIABLE, "/elsewhere"));

        assertThatThrownBy(() -> code.javaArguments(temp.resolve("lib"))).isInstanceOfSatisfying(PaasmakerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                .hasMessageContaining(jar + " (PAASMAKER_ROUTER_JAR) is not there");
        Files.writeString(jar, "a jar");
        RouterCode.Arguments arguments = code.javaArguments(temp.resolve("lib"));
        assertThat(arguments.java()).containsExactly("-jar", jar.toString());
        assertThat(arguments.jar()).hasValue(new RouterJar(jar, sha256Prefix("a jar")));
        RouterCode.Arguments classPath = RouterCode.from(Map.of(RouterCode.CLASS_PATH_VARIABLE, "/a:/b")).javaArguments(temp);
        assertThat(classPath.java()).containsExactly("-cp", "/a:/b", "org.paasmaker.router.RouterMain");
        assertThat(classPath.jar()).as("a class path has no archive").isEmpty();
    }

    @Test
    void theCarriedJarIsCopiedOutLeftAloneWhileUnchangedAndReplacedWhenItChangesWithTheChecksumOfWhatIsCopied()
            throws Exception {
        Path resources = temp.resolve("resources");
        Path carried = Files.createDirectories(resources.resolve("META-INF/paasmaker")).resolve("paasmaker-router.jar");
        Files.writeString(carried, "version one");
        Path lib = temp.resolve("lib");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
            RouterCode code = RouterCode.bundled(loader);

            Path copy = lib.resolve("paasmaker-router.jar");
            RouterCode.Arguments first = code.javaArguments(lib);
            assertThat(first.java()).containsExactly("-jar", copy.toString());
            assertThat(first.jar()).hasValue(new RouterJar(copy, sha256Prefix("version one")));
            Object copied = Files.readAttributes(copy, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            assertThat(code.javaArguments(lib)).isEqualTo(first);
            assertThat(Files.readAttributes(copy, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                    .as("the same file").isEqualTo(copied);

            Files.writeString(carried, "version two");
            assertThat(code.javaArguments(lib).jar()).hasValue(new RouterJar(copy, sha256Prefix("version two")));
            assertThat(Files.readString(copy)).isEqualTo("version two");
        }
    }

    @Test
    void aCopyCutShortChangedSinceItWasMadeOrWithoutItsStampIsReplaced() throws Exception {
        Path resources = temp.resolve("resources");
        Path carried = Files.createDirectories(resources.resolve("META-INF/paasmaker")).resolve("paasmaker-router.jar");
        Files.writeString(carried, "version one");
        Path lib = temp.resolve("lib");
        Path copy = lib.resolve("paasmaker-router.jar");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
            RouterCode code = RouterCode.bundled(loader);
            RouterJar expected = new RouterJar(copy, sha256Prefix("version one"));
            code.javaArguments(lib);

            Files.writeString(copy, "version");
            assertThat(code.javaArguments(lib).jar()).hasValue(expected);
            assertThat(Files.readString(copy)).as("a copy cut short").isEqualTo("version one");

            // As a copy restored from a backup: the same size, other bytes and an older time.
            Files.writeString(copy, "version two");
            Files.setLastModifiedTime(copy, FileTime.from(Files.getLastModifiedTime(copy).toInstant().minusSeconds(3600)));
            assertThat(code.javaArguments(lib).jar()).hasValue(expected);
            assertThat(Files.readString(copy)).as("a copy changed since it was made").isEqualTo("version one");

            Files.writeString(copy, "version two");
            Files.delete(lib.resolve("paasmaker-router.jar.stamp"));
            assertThat(code.javaArguments(lib).jar()).hasValue(expected);
            assertThat(Files.readString(copy)).as("a copy without its stamp").isEqualTo("version one");
            assertThat(lib.resolve("paasmaker-router.jar.stamp")).isRegularFile();
            try (var files = Files.list(lib)) {
                assertThat(files.map(file -> file.getFileName().toString())).as("nothing half-written")
                        .containsExactlyInAnyOrder("paasmaker-router.jar", "paasmaker-router.jar.stamp");
            }
        }
    }

    @Test
    void inABuildTreeWithNoRouterJarTheRouterRunsFromTheTreesClassesAndTheLibrariesItLists() throws Exception {
        // The engine's classes come from paasmaker-engine/target/classes here, as under mvn liberty:run.
        String classPath = RouterBuildTree.classPath(RouterCode.class).orElseThrow();
        TestBackend backend = closer.add(TestBackend.start("one"));

        RouterProcess router = RouterProcess.startOrAdopt(new RouterProcessSettings(temp.resolve("state"), 0,
                List.of("--bind=127.0.0.1", "--event-loops=1"), List.of("-Xmx64m", "-XX:+UseSerialGC"),
                Duration.ofSeconds(60), warnings::add, RouterCode.classPath(classPath)));
        try {
            router.update(RoutingTable.of(1, List.of(Route.of("app.com", List.of(backend.target("app", 1))))));
            assertThat(RawHttp.get(router.port(), "app.com", "/").text()).isEqualTo("one");
            assertThat(Files.readString(router.logFile())).doesNotContain("Exception");
        } finally {
            router.stop(Duration.ofSeconds(10));
        }
    }

    /** The first 16 hex digits of the SHA-256 of {@code text}'s bytes, computed here on its own. */
    static String sha256Prefix(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
    }
}
