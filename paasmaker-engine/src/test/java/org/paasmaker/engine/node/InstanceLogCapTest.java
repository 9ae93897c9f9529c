package org.paasmaker.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.port.PortAllocator;
import org.paasmaker.engine.process.CappedLog;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.process.LogWriters;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * An instance's output through its detached log writer (svlogd, from Debian's runit package): bounded
 * however fast the instance writes, followed live, and never the death of the instance, whatever
 * happens to the writer or the engine. Real processes throughout; the figures printed are those of
 * docs/benchmarks.md ("Instance output").
 */
class InstanceLogCapTest {

    private static final long FLOOD_BYTES = 400_000_000L;
    /** The writer's block, plus a line: what svlogd may hold beyond its limit. */
    private static final long SLACK_BYTES = 128 * 1024;
    private static final String FLOOD_LINE = "chatty instance output, as fast as it can, line after line after line";

    /*
     * $1 the port, $2 the bytes of the flood. It serves HTTP, writes the flood as fast as it can, says
     * so, then writes a numbered tick every 20 ms for ever.
     */
    private static final String CHATTY = String.join("\n",
            "#!/bin/sh",
            "python3 -m http.server \"$1\" --bind 127.0.0.1 &",
            "yes '" + FLOOD_LINE + "' | head -c \"$2\"",
            "echo",
            "echo \"the flood is over\"",
            "i=0",
            "while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.02; done",
            "");

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<InstanceId> started = new ArrayList<>();
    private final List<Process> measured = new ArrayList<>();
    private PackageStore packages;
    private TarGzPacker packer;
    private PluginRegistry plugins;
    private String checksum;
    private LocalNode node;

    @BeforeEach
    void packTheChattyInstance() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(tree.resolve("chatty.sh"), CHATTY);
        tree.resolve("chatty.sh").toFile().setExecutable(true);
        packages = new PackageStore(temp.resolve("packages"));
        packer = new TarGzPacker();
        checksum = packages.store(out -> packer.pack(tree, out));
        plugins = PluginRegistry.load(getClass().getClassLoader(), name -> true, temp.resolve("plugins"),
                Clock.systemUTC());
        node = newNode();
    }

    /** A node on the same home, as a new engine makes it. */
    private LocalNode newNode() {
        return newNode(LogWriters.SVLOGD);
    }

    private LocalNode newNode(Path svlogd) {
        return new LocalNode("local", temp.resolve("instances"), packages, packer,
                new PortAllocator(new PortRange(43300, 43399)), plugins,
                new ProcessRecords(temp.resolve("processes"), warning -> { }), Clock.systemUTC(), LogLimit.DEFAULT,
                new LogWriters(new ProcessRecords(temp.resolve("log-writers"), warning -> { }), Clock.systemUTC(), svlogd));
    }

    @Test
    void withoutSvlogdAnInstanceAppendsToItsLogFileAsBeforeAndStillServesAndFollows() throws Exception {
        node = newNode(temp.resolve("no-svlogd-here"));
        InstanceId instance = start(100_000);
        int port = portOf(instance);

        await().atMost(Duration.ofSeconds(30)).until(() -> node.logTail(instance, 5).contains("tick"));
        assertThat(node.code(instance).resolveSibling("instance.log")).isRegularFile();
        assertThat(node.logDirectory(instance).resolve("pipe")).doesNotExist();
        assertThat(serves(port)).isTrue();
        Node.LogLines last = node.logLast(instance, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.logAfter(instance, last.next(), 64 * 1024).text()
                .contains("tick"));
        node.maintain(); // rotates the file when it is too large; no writer to start
        assertThat(new ProcessRecords(temp.resolve("log-writers"), warning -> { }).find(instance.value())).isEmpty();
    }

    @AfterEach
    void stopEverything() {
        measured.forEach(Process::destroyForcibly);
        for (InstanceId instance : started) {
            node.deregister(instance);
        }
        plugins.close();
    }

    @Test
    void anInstanceWriting400MegabytesAsFastAsItCanKeepsItsLogUnderTheCapAndKeepsServing() throws Exception {
        long began = System.nanoTime();
        InstanceId instance = start(FLOOD_BYTES);
        int port = portOf(instance);

        // It serves while it floods.
        await().atMost(Duration.ofSeconds(20)).until(() -> serves(port));
        assertThat(node.logTail(instance, 1000)).doesNotContain("the flood is over");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> node.logTail(instance, 200).contains("the flood is over"));
        double cappedSeconds = (System.nanoTime() - began) / 1e9;
        CappedLog log = new CappedLog(node.logDirectory(instance));
        long held = log.bytesHeld();
        LogLimit limit = LogLimit.DEFAULT;
        assertThat(held).isLessThanOrEqualTo(limit.maxBytes() * (limit.kept() + 1) + SLACK_BYTES);
        assertThat(node.isAlive(instance)).isTrue();
        assertThat(serves(port)).isTrue();

        // The newest lines are kept, and the log follows live.
        Node.LogLines last = node.logLast(instance, 3);
        assertThat(last.text()).contains("tick");
        await().atMost(Duration.ofSeconds(10)).until(() -> node.logAfter(instance, last.next(), 64 * 1024).text()
                .contains("tick"));

        long svlogdRss = rssKilobytes(svlogdOf(instance).orElseThrow());
        long loopRss = rssKilobytes(writerOf(instance).pid());
        double uncappedSeconds = floodToAFile();
        System.out.printf("[instance output] %d MB written as fast as possible: %.1f s through the log writer"
                + " (%.0f MB/s), %.1f s appended to a file (%.0f MB/s); log bytes held afterwards: %d (%.1f MiB, cap"
                + " %d MiB x %d files); RSS of svlogd %d KiB, of its shell loop %d KiB%n", FLOOD_BYTES / 1_000_000, cappedSeconds,
                FLOOD_BYTES / 1e6 / cappedSeconds, uncappedSeconds, FLOOD_BYTES / 1e6 / uncappedSeconds, held,
                held / 1048576.0, limit.maxBytes() >> 20, limit.kept() + 1, svlogdRss, loopRss);
    }

    @Test
    void aLogWriterKilledMidWriteIsReplacedAndTheInstanceKeepsServing() throws Exception {
        InstanceId instance = start(2_000_000);
        int port = portOf(instance);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.logTail(instance, 5).contains("tick"));

        long svlogd = svlogdOf(instance).orElseThrow();
        ProcessHandle.of(svlogd).orElseThrow().destroyForcibly(); // SIGKILL
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(svlogd).isEmpty());
        Node.LogLines afterKill = node.logLast(instance, 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> svlogdOf(instance).filter(pid -> pid != svlogd).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> node.logAfter(instance, afterKill.next(), 64 * 1024).text()
                .contains("tick"));
        assertThat(node.isAlive(instance)).isTrue();
        assertThat(serves(port)).isTrue();

        // The whole writer, loop and all: the instance waits on its pipe, and the health round's
        // maintain() starts a writer again.
        ProcessIdentity writer = writerOf(instance);
        killGroup(writer.pid());
        await().atMost(Duration.ofSeconds(10)).until(() -> !writer.isAlive() && svlogdOf(instance).isEmpty());
        assertThat(node.isAlive(instance)).isTrue();
        Node.LogLines whileGone = node.logLast(instance, 1);

        node.maintain();

        assertThat(writerOf(instance)).isNotEqualTo(writer);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.logAfter(instance, whileGone.next(), 64 * 1024).text()
                .contains("tick"));
        assertThat(node.isAlive(instance)).isTrue();
        assertThat(serves(port)).isTrue();
        LogLimit limit = LogLimit.DEFAULT;
        // A killed svlogd leaves its unfinished file as one more copy until its next rotation.
        assertThat(new CappedLog(node.logDirectory(instance)).bytesHeld())
                .isLessThanOrEqualTo(limit.maxBytes() * (limit.kept() + 2) + SLACK_BYTES);
    }

    @Test
    void aNewEngineAdoptsTheInstanceAndItsLogWriterAndStartsNeitherAgain() throws Exception {
        InstanceId instance = start(1_000_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.logTail(instance, 5).contains("tick"));
        ProcessIdentity writer = writerOf(instance);
        long svlogd = svlogdOf(instance).orElseThrow();
        Path logDirectory = node.logDirectory(instance);

        node = newNode(); // the engine restarted; the processes did not
        node.maintain();

        assertThat(node.running()).containsExactly(instance);
        assertThat(writerOf(instance)).isEqualTo(writer);
        assertThat(svlogdOf(instance)).contains(svlogd);
        assertThat(processesWorkingIn(logDirectory)).hasSize(2); // the loop's shell and svlogd, once
        Node.LogLines last = node.logLast(instance, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.logAfter(instance, last.next(), 64 * 1024).text()
                .contains("tick"));
    }

    @Test
    void theWriterOfAnInstanceNoLongerRecordedIsStopped() throws Exception {
        InstanceId instance = start(1_000);
        ProcessIdentity writer = writerOf(instance);
        // As an engine that died in the middle of a stop leaves it: the instance gone, its writer not.
        ProcessRecords instances = new ProcessRecords(temp.resolve("processes"), warning -> { });
        killGroup(instances.find(instance.value()).orElseThrow().identity().pid());
        instances.delete(instance.value());

        node.maintain();

        assertThat(writer.isAlive()).isFalse();
        assertThat(new ProcessRecords(temp.resolve("log-writers"), warning -> { }).find(instance.value())).isEmpty();
    }

    private InstanceId start(long floodBytes) {
        InstanceId instance = InstanceId.random();
        started.add(instance);
        OptionalInt port = node.register(instance, checksum, true);
        RuntimeSpec runtime = new RuntimeSpec("paasmaker.runtime.shell", "1", PluginParameters.of(Map.of(
                "launch_command", "./chatty.sh %(port)d " + floodBytes, "start_timeout", 20L)));
        node.start(instance, new InstanceStart("chatty", runtime, List.of(), port,
                Map.of("PATH", "/usr/local/bin:/usr/bin:/bin")), new NodeStep(node.code(instance)));
        return instance;
    }

    private int portOf(InstanceId instance) throws IOException {
        return new ProcessRecords(temp.resolve("processes"), warning -> { }).find(instance.value()).orElseThrow().port();
    }

    private ProcessIdentity writerOf(InstanceId instance) {
        return new ProcessRecords(temp.resolve("log-writers"), warning -> { }).find(instance.value()).orElseThrow()
                .identity();
    }

    /** The svlogd that the writer's loop runs now, if any. */
    private Optional<Long> svlogdOf(InstanceId instance) throws IOException {
        long loop = writerOf(instance).pid();
        Path children = Path.of("/proc", Long.toString(loop), "task", Long.toString(loop), "children");
        if (!Files.exists(children)) {
            return Optional.empty();
        }
        for (String child : Files.readString(children).trim().split(" ")) {
            if (!child.isEmpty() && Files.readString(Path.of("/proc", child, "comm")).strip().equals("svlogd")) {
                return Optional.of(Long.parseLong(child));
            }
        }
        return Optional.empty();
    }

    private static long rssKilobytes(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }

    private static List<Long> processesWorkingIn(Path directory) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(e -> e.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readSymbolicLink(entry.resolve("cwd")).equals(directory.toRealPath())) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // ended while listed, or not ours to read
                }
            }
        }
        return pids;
    }

    private static void killGroup(long leader) throws Exception {
        assertThat(new ProcessBuilder("kill", "-KILL", "--", "-" + leader).start().waitFor()).isZero();
    }

    private boolean serves(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(
                    Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The same flood appended straight to a file, as instances wrote before: seconds it takes. */
    private double floodToAFile() throws Exception {
        Path file = temp.resolve("uncapped.log");
        long began = System.nanoTime();
        Process flood = new ProcessBuilder("sh", "-c", "yes '" + FLOOD_LINE + "' | head -c " + FLOOD_BYTES)
                .redirectOutput(Redirect.appendTo(file.toFile())).start();
        measured.add(flood);
        assertThat(flood.waitFor()).isZero();
        double seconds = (System.nanoTime() - began) / 1e9;
        assertThat(Files.size(file)).isEqualTo(FLOOD_BYTES);
        Files.delete(file);
        return seconds;
    }

}
