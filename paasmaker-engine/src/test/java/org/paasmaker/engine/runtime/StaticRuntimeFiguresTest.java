package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;

/**
 * What one instance of the static runtime costs: its file server's start (launch to the first 200),
 * its resident memory idle and at the peak of a {@code wrk} load, and the load's requests per second,
 * with the JVM options of its launch plan and with others to compare
 * ({@code -Dpaasmaker.static.jvm="-Xmx64m|-Xmx64m -XX:+UseSerialGC"}, sets separated by {@code |}).
 * Prints the figures for docs/benchmarks.md; runs with {@code -Dpaasmaker.figures=true}.
 */
@EnabledIfSystemProperty(named = "paasmaker.figures", matches = "true")
class StaticRuntimeFiguresTest {

    private static final int RUNS = Integer.getInteger("paasmaker.static.runs", 3);

    @TempDir
    Path code;

    @Test
    void aFileServersStartMemoryAndThroughput() throws Exception {
        Files.createDirectories(code.resolve("web"));
        Files.writeString(code.resolve("web/index.html"), "<h1>static</h1>\n".repeat(64));
        List<String> sets = new ArrayList<>(List.of(""));
        String others = System.getProperty("paasmaker.static.jvm", "");
        if (!others.isBlank()) {
            sets.addAll(List.of(others.split("\\|")));
        }
        for (int run = 1; run <= RUNS; run++) {
            for (String options : sets) {
                measure(options.strip(), run);
            }
        }
    }

    /** @param options the JVM options instead of the plan's, or empty for the plan's own */
    private void measure(String options, int run) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        LaunchPlan plan = new StaticRuntime(StaticRuntime.JAVA_OPTIONS).launchPlan(new LaunchRequest("1",
                PluginParameters.of(Map.of("document_root", "web")), code, OptionalInt.of(port),
                Map.of("PATH", System.getenv("PATH"))));
        List<String> command = new ArrayList<>(plan.command());
        int classPath = command.indexOf("-cp");
        String planned = String.join(" ", command.subList(1, classPath));
        if (!options.isEmpty()) {
            command.subList(1, classPath).clear();
            command.addAll(1, List.of(options.split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(code.resolve("server.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(plan.environment());
        long launched = System.nanoTime();
        Process server = builder.start();
        try {
            URI page = URI.create("http://127.0.0.1:" + port + "/");
            await().atMost(plan.readyWithin()).pollInterval(Duration.ofMillis(10)).until(() -> status(page) == 200);
            double start = (System.nanoTime() - launched) / 1e9;
            await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
            long idle = kilobytes(server.pid(), "status", "VmRSS:");
            long idlePss = kilobytes(server.pid(), "smaps_rollup", "Pss:");
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d10s", page.toString()).redirectErrorStream(true)
                    .start();
            long peak = idle;
            while (!wrk.waitFor(500, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, kilobytes(server.pid(), "status", "VmRSS:"));
            }
            String report = new String(wrk.getInputStream().readAllBytes());
            Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(report);
            assertThat(rate.find()).as(report).isTrue();
            System.out.printf(Locale.ROOT, "static file server, run %d (%s): first 200 %.2f s after the launch;"
                    + " RSS idle %.1f MB (PSS %.1f), peak under wrk -t2 -c32 -d10s %.1f MB; %s requests/s%n", run,
                    options.isEmpty() ? "the plan's " + planned : options, start, idle / 1024.0, idlePss / 1024.0,
                    peak / 1024.0, rate.group(1));
        } finally {
            server.destroy();
            server.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static int status(URI page) {
        try {
            HttpURLConnection connection = (HttpURLConnection) page.toURL().openConnection();
            connection.setConnectTimeout(1000);
            try {
                connection.getInputStream().readAllBytes();
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    private static long kilobytes(long pid, String file, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), file)).stream()
                .filter(line -> line.startsWith(field))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElse(-1);
    }
}
