package org.paasmaker.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * The router's start as the engine launches it (the router module's jar, copied nowhere; the
 * default JVM options, or {@code -Dpaasmaker.router.jvm="..."}): from the call that launches it to
 * its first HTTP answer (a 404 for no hostname, asked every 10 ms), the router's CPU time by then,
 * and its resident memory (RSS and PSS) 3 s later; five launches without the class data sharing
 * archive, then five with it. Prints the figures for docs/benchmarks.md; runs only with
 * {@code -Dpaasmaker.router.figures=true}, after {@code mvn -o -q -pl paasmaker-router -am package -DskipTests}.
 */
@EnabledIfSystemProperty(named = "paasmaker.router.figures", matches = "true")
class RouterStartFiguresTest {

    private static final Path JAR = Path.of("..", "paasmaker-router", "target", "paasmaker-router.jar").toAbsolutePath()
            .normalize();
    private static final List<String> JVM_OPTIONS = System.getProperty("paasmaker.router.jvm") == null
            ? RouterProcessSettings.DEFAULT_JVM_OPTIONS
            : List.of(System.getProperty("paasmaker.router.jvm").strip().split("\\s+"));
    private static final int LAUNCHES = 5;

    @TempDir
    Path state;

    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (ProcessRecord record : new ProcessRecords(state.resolve("process"), warnings::add).adoptable()) {
            new ProcessGroupKiller().stop(record.identity(), Duration.ofSeconds(5));
        }
    }

    @Test
    void theRoutersStartWithAndWithoutItsArchive() throws Exception {
        for (boolean archived : new boolean[] {false, true}) {
            for (int i = 0; i < LAUNCHES; i++) {
                if (!archived) {
                    removeArchives();
                }
                long began = System.nanoTime();
                RouterProcess router = RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0,
                        List.of("--bind=127.0.0.1"), JVM_OPTIONS, Duration.ofSeconds(60), warnings::add, RouterCode.jar(JAR)));
                int port = router.port();
                while (!answers(port)) {
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                long pid = router.pid();
                double cpu = cpuSeconds(pid);
                boolean mapped = Files.readString(Path.of("/proc", Long.toString(pid), "maps")).contains(state.resolve("lib").resolve("paasmaker-router-").toString());
                router.awaitArchive(Duration.ofMinutes(2));
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
                System.out.printf(Locale.ROOT, "FIGURE router start %s archive: %.3f s to the first answer, CPU %.2f s,"
                        + " idle RSS %.1f MB PSS %.1f MB (%s)%n", archived ? "with" : "without", seconds, cpu,
                        smaps(pid, "Rss:") / 1024.0, smaps(pid, "Pss:") / 1024.0, String.join(" ", JVM_OPTIONS));
                assertThat(mapped).isEqualTo(archived);
                router.stop(Duration.ofSeconds(10));
            }
        }
        assertThat(warnings).noneMatch(warning -> warning.contains("archive"));
    }

    private void removeArchives() throws Exception {
        Path lib = Files.createDirectories(state.resolve("lib"));
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(lib, "*.jsa")) {
            for (Path archive : archives) {
                Files.delete(archive);
            }
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: nobody.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return socket.getInputStream().read() >= 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 1/100 s on Linux.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static long smaps(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in smaps_rollup of " + pid);
    }
}
