package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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

    /**
     * The agent as {@code bin/paasmaker-agent} runs it, with its class data sharing archive, beside the
     * README's plain {@code java -jar} command (no archive of its own): the start (launch to the
     * controller knowing the node, and to its first report), and RSS and PSS once idle. The launcher and
     * {@code java-cds.sh} are copied beside a copy of the jar and its {@code lib/}, as on another machine,
     * so that the launcher's first run makes the archive there. Run after {@code mvn package}, with
     * {@code -Dpaasmaker.engine.jar=.../paasmaker-engine.jar}.
     */
    @Test
    @EnabledIfSystemProperty(named = "paasmaker.engine.jar", matches = ".+")
    void theLaunchersAgentWithItsArchiveAndThePlainCommand() throws Exception {
        controller = TestController.start(temp.resolve("controller"));
        String checksum = controller.publishServer(temp.resolve("tree"));
        Path token = Files.writeString(temp.resolve("node-token"), TestController.TOKEN_VALUE);
        Path machine = Files.createDirectories(temp.resolve("machine"));
        Path jar = Path.of(System.getProperty("paasmaker.engine.jar"));
        List<String> launcher = List.of(AgentMachine.copy(jar, machine).toString());
        List<String> plain = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        plain.addAll(JVM_OPTIONS);
        plain.addAll(List.of("-jar", machine.resolve("paasmaker-engine.jar").toString(), "agent"));
        Map<String, String> java = Map.of("JAVA_HOME", System.getProperty("java.home"));

        measure("plain java -jar, no archive", plain, java, token, 1);
        measure("bin/paasmaker-agent, first run (makes the archive)", launcher, java, token, 2);
        measure("bin/paasmaker-agent, with the archive", launcher, java, token, 3);
        measure("plain java -jar, no archive", plain, java, token, 4);
        measure("bin/paasmaker-agent, with the archive", launcher, java, token, 5);

        // Which classes an agent loads from the archive, idle and once it has started an instance.
        Path classes = temp.resolve("classes.txt");
        Map<String, String> logged = Map.of("JAVA_HOME", System.getProperty("java.home"), "PAASMAKER_AGENT_JAVA_OPTS",
                String.join(" ", JVM_OPTIONS) + " -Xlog:class+load=info:file=" + classes);
        String name = "launched-6";
        start(launcher, logged, token, name);
        await().atMost(Duration.ofSeconds(60)).until(() -> controller.nodes.knows(name)
                && controller.nodes.lastReport(name).isPresent());
        String idle = sources(classes);
        Node node = controller.nodes.node(name);
        InstanceId instance = InstanceId.random();
        int port = node.register(instance, checksum, true).getAsInt();
        node.start(instance, TestController.serving(port), new NodeStep());
        String withInstance = sources(classes);
        node.deregister(instance);
        System.out.printf(Locale.ROOT, "classes the launcher's agent loads: idle, %s; after starting an instance, %s%n",
                idle, withInstance);
        assertThat(idle).as(agent.output()).contains("from the archive");
        assertThat(AgentMachine.archives(machine)).map(file -> file.getFileName().toString())
                .anyMatch(file -> file.endsWith(".jsa")).noneMatch(file -> file.endsWith(".partial"));
    }

    /** One agent's start, RSS and PSS idle, printed; then it is stopped. */
    private void measure(String what, List<String> command, Map<String, String> environment, Path token, int run)
            throws Exception {
        String name = "launched-" + run;
        long launched = System.nanoTime();
        start(command, environment, token, name);
        long[] registered = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            if (!controller.nodes.knows(name)) {
                return false;
            }
            if (registered[0] == 0) {
                registered[0] = System.nanoTime();
            }
            return controller.nodes.lastReport(name).isPresent();
        });
        long reported = System.nanoTime();
        Instant first = controller.nodes.lastReport(name).get().sent();
        await().atMost(Duration.ofSeconds(ROUNDS * 3L)).until(() -> !controller.nodes.lastReport(name).get().sent()
                .isBefore(first.plusSeconds(ROUNDS)));
        long rss = rssKilobytes(agent.pid());
        long pss = kilobytes(Path.of("/proc/" + agent.pid() + "/smaps_rollup"), "Pss:");
        assertThat(rss).as(agent.output()).isPositive();
        System.out.printf(Locale.ROOT, "node agent, %s: registered %.2f s and first report %.2f s after the launch;"
                + " idle after %d rounds: RSS %.1f MB, PSS %.1f MB%n", what, (registered[0] - launched) / 1e9,
                (reported - launched) / 1e9, ROUNDS, rss / 1024.0, pss / 1024.0);
        agent.close();
        agent = null;
    }

    private void start(List<String> command, Map<String, String> environment, Path token, String name)
            throws Exception {
        agent = AgentProcess.launch(command, environment, token, "127.0.0.7", temp.resolve("home"), name,
                "44780-44789", List.of("--controller", controller.uri().toString()), temp.resolve(name + ".out"));
    }

    /** How many classes came from the shared archives (the JDK's, the launcher's) and how many from jars. */
    private static String sources(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        long jdk = lines.stream().filter(line -> line.contains("source: shared objects file") && !line.contains("(top)"))
                .count();
        long archive = lines.stream().filter(line -> line.contains("source: shared objects file (top)")).count();
        long other = lines.size() - jdk - archive;
        return String.format(Locale.ROOT, "%d from the JDK's archive, %d from the archive, %d from jars or generated",
                jdk, archive, other);
    }

    private static long rssKilobytes(long pid) throws Exception {
        return kilobytes(Path.of("/proc/" + pid + "/status"), "VmRSS:");
    }

    private static long kilobytes(Path file, String field) throws Exception {
        return Files.readAllLines(file).stream()
                .filter(line -> line.startsWith(field))
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
