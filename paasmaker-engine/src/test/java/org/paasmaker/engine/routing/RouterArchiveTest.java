package org.paasmaker.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.router.RawHttp;

/**
 * The router's class data sharing archive, with the router module's jar as the engine launches it
 * (the build packages the router before the engine's tests run; alone, run
 * {@code mvn -o -q -pl paasmaker-router -am package -DskipTests} first).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RouterArchiveTest {

    private static final Path JAR = Path.of("..", "paasmaker-router", "target", "paasmaker-router.jar").toAbsolutePath()
            .normalize();

    @TempDir
    Path state;

    private final List<String> warnings = new ArrayList<>();
    private final List<RouterProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (RouterProcess router : started) {
            router.awaitArchive(Duration.ofMinutes(2));
        }
        for (ProcessRecord record : new ProcessRecords(state.resolve("process"), warnings::add).adoptable()) {
            new ProcessGroupKiller().stop(record.identity(), Duration.ofSeconds(5));
        }
    }

    private RouterProcess start() {
        assertThat(JAR).as("the router's jar; package the router module first").isRegularFile();
        RouterProcess router = RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0, List.of("--bind=127.0.0.1",
                "--event-loops=1"), RouterProcessSettings.DEFAULT_JVM_OPTIONS, Duration.ofSeconds(60), warnings::add,
                RouterCode.jar(JAR)));
        started.add(router);
        return router;
    }

    private List<Path> archives() throws Exception {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(state.resolve("lib"), "*.jsa")) {
            files.forEach(found::add);
        }
        return found;
    }

    private static boolean maps(long pid, Path file) throws Exception {
        return Files.readString(Path.of("/proc", Long.toString(pid), "maps")).contains(file.toString());
    }

    @Test
    void anArchiveIsNamedForItsJarSoOneMadeForAnotherJarIsNeverUsed() throws Exception {
        Path lib = state.resolve("lib");
        Path jar = Files.writeString(state.resolve("router.jar"), "version one");

        RouterJar read = RouterJar.read(jar).orElseThrow();

        assertThat(read.checksum()).isEqualTo(RouterCodeTest.sha256Prefix("version one"));
        assertThat(RouterArchive.of(RouterJar.of(jar, "version one".getBytes(StandardCharsets.UTF_8)), lib).file())
                .as("from the bytes in hand as from the file").isEqualTo(RouterArchive.of(read, lib).file());
        assertThat(RouterArchive.of(RouterJar.of(jar, "version two".getBytes(StandardCharsets.UTF_8)), lib).file())
                .isNotEqualTo(RouterArchive.of(read, lib).file());
        assertThat(RouterJar.read(state.resolve("missing.jar"))).isEmpty();
    }

    @Test
    void theFirstRouterLeavesAnArchiveThatTheNextLaunchMaps() throws Exception {
        Files.createDirectories(state.resolve("lib"));
        Path foreign = Files.writeString(state.resolve("lib").resolve("paasmaker-router-0000000000000000-java9.jsa"), "old");
        RouterProcess first = start();
        long firstPid = first.pid();

        first.awaitArchive(Duration.ofMinutes(2));

        assertThat(archives()).singleElement().satisfies(archive -> {
            assertThat(archive.getFileName().toString()).startsWith("paasmaker-router-")
                    .endsWith("-java" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.+_-]", "_") + ".jsa");
            assertThat(Files.size(archive)).isPositive();
        });
        assertThat(foreign).doesNotExist();
        Path archive = archives().get(0);
        assertThat(maps(firstPid, archive)).isFalse();
        assertThat(warnings).noneMatch(warning -> warning.contains("archive"));

        first.stop(Duration.ofSeconds(10));
        RouterProcess second = start();

        assertThat(second.pid()).isNotEqualTo(firstPid);
        assertThat(maps(second.pid(), archive)).as("the second router maps " + archive).isTrue();
        assertThat(RawHttp.get(second.port(), "nobody.example", "/").status()).isEqualTo(404);
        assertThat(archives()).containsExactly(archive);
    }

    @Test
    void aDamagedArchiveNeverStopsARouter() throws Exception {
        RouterProcess first = start();
        first.awaitArchive(Duration.ofMinutes(2));
        Path archive = archives().get(0);
        first.stop(Duration.ofSeconds(10));
        Files.write(archive, new byte[] {1, 2, 3, 4});

        RouterProcess second = start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(RawHttp.get(second.port(), "nobody.example", "/").status()).isEqualTo(404));
        assertThat(maps(second.pid(), archive)).isFalse();
    }
}
