package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.node.NodeStep;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.node.Node;
import org.paasmaker.engine.cluster.ClusterWire;

/**
 * What an idle node agent costs, run as the README's command runs it (its JVM options): its resident
 * memory (VmRSS) registered and reporting every second, with no instance and with one, and the CPU
 * time of a report round. Prints the figures for docs/benchmarks.md; asserts only that they were read.
 */
class AgentFootprintFiguresTest {

    /** The JVM options of the README's agent command; others to compare with -Dpaasmaker.agent.jvm="...". */
    static final List<String> JVM_OPTIONS = List.of(System.getProperty("paasmaker.agent.jvm",
            "-Xms8m -Xmx24m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=8m")
            .strip().split("\\s+"));
    private static final int ROUNDS = 20;

    @TempDir
    Path temp;

    private TestController controller;
    private AgentProcess agent;

    @AfterEach
    void stop() throws Exception {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            AgentHomes.stopEverything(temp.resolve("home"));
            if (controller != null) {
                controller.close();
            }
        }
    }

    @Test
    void anIdleAgentsResidentMemoryAndTheCostOfItsReports() throws Exception {
        controller = TestController.start(temp.resolve("controller"));
        String checksum = controller.publishServer(temp.resolve("tree"));
        Path token = Files.writeString(temp.resolve("node-token"), TestController.TOKEN_VALUE);
        agent = AgentProcess.start(JVM_OPTIONS, controller.uri(), token, "127.0.0.7", temp.resolve("home"), "idle",
                "44780-44789", temp.resolve("agent.out"));
        await().atMost(Duration.ofSeconds(30)).until(() -> controller.nodes.knows("idle")
                && controller.nodes.lastReport("idle").isPresent());

        Instant first = controller.nodes.lastReport("idle").get().sent();
        long cpuBefore = cpuTicks(agent.pid());
        await().atMost(Duration.ofSeconds(ROUNDS * 3L)).until(() -> !controller.nodes.lastReport("idle").get().sent()
                .isBefore(first.plusSeconds(ROUNDS)));
        long ticks = cpuTicks(agent.pid()) - cpuBefore;
        long idleRss = rssKilobytes(agent.pid());

        Node node = controller.nodes.node("idle");
        InstanceId instance = InstanceId.random();
        int port = node.register(instance, checksum, true).getAsInt();
        node.start(instance, TestController.serving(port), new NodeStep());
        Instant started = Instant.now();
        await().atMost(Duration.ofSeconds(ROUNDS * 3L)).until(() -> !controller.nodes.lastReport("idle").get().sent()
                .isBefore(started.plusSeconds(5)));
        long withInstanceRss = rssKilobytes(agent.pid());
        int reportBytes = ClusterWire.write(new ClusterWire.Report(node.profile(), List.of(instance.value()),
                Instant.now().toString())).length;
        node.deregister(instance);

        assertThat(idleRss).as(agent.output()).isPositive();
        System.out.printf(Locale.ROOT, "idle node agent (%s): RSS %.1f MB with no instance, %.1f MB after starting"
                + " one; %d report rounds took %d ms of CPU (%.1f ms a round); a report is %d bytes%n",
                String.join(" ", JVM_OPTIONS), idleRss / 1024.0, withInstanceRss / 1024.0, ROUNDS, ticks * 10,
                ticks * 10.0 / ROUNDS, reportBytes);
    }

    private static long rssKilobytes(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElse(-1);
    }

    /** User and system time of the process, in clock ticks (10 ms on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
