package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/paasmaker-agent} beside the packaged jar and its {@code lib/}, as an operator copies it to
 * another machine: it makes the agent's class data sharing archive on its first run and when the jar or
 * a library is newer, and the agent's classes come from it. The agent here runs its training
 * ({@code agent --cds-training}), which needs no controller.
 */
class AgentLauncherIT {

    private static final Path JAR = Path.of(System.getProperty("paasmaker.engine.jar",
            "target/paasmaker-engine.jar"));
    private static final String OPTIONS =
            "-Xms8m -Xmx24m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=8m";

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(Path launcher, Path directory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PAASMAKER_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 90 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void makesTheArchiveOnItsFirstRunAndTheAgentLoadsItsClassesFromIt(@TempDir Path machine) throws Exception {
        Path launcher = AgentMachine.copy(JAR, machine);
        Path classes = machine.resolve("classes.txt");

        Result result = run(launcher, machine, Map.of("PAASMAKER_AGENT_JAVA_OPTS",
                OPTIONS + " -Xlog:class+load=info:file=" + classes), "--cds-training");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out() + result.err()).isEmpty();
        assertThat(AgentMachine.archives(machine)).singleElement()
                .satisfies(archive -> assertThat(archive.getFileName().toString()).endsWith(".jsa"));
        assertThat(Files.readString(classes))
                .contains("org.paasmaker.engine.agent.NodeAgent source: shared objects file (top)");
    }

    @Test
    void makesItAgainWhenALibraryIsNewerThanTheArchive(@TempDir Path machine) throws Exception {
        Path launcher = AgentMachine.copy(JAR, machine);
        assertThat(run(launcher, machine, Map.of(), "--cds-training").exitCode()).isZero();
        Path archive = AgentMachine.archives(machine).get(0);
        Path library;
        try (Stream<Path> jars = Files.list(machine.resolve("lib"))) {
            library = jars.findFirst().orElseThrow();
        }
        // An archive made an hour ago, a library updated since.
        FileTime updated = FileTime.fromMillis(System.currentTimeMillis() - 1_800_000);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(updated.toMillis() - 1_800_000));
        Files.setLastModifiedTime(library, updated);
        Path classes = machine.resolve("classes.txt");

        Result result = run(launcher, machine, Map.of("PAASMAKER_AGENT_JAVA_OPTS",
                OPTIONS + " -Xlog:class+load=info:file=" + classes), "--cds-training");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(AgentMachine.archives(machine)).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(updated);
        assertThat(Files.readString(classes))
                .contains("org.paasmaker.engine.agent.NodeAgent source: shared objects file (top)");
    }

    @Test
    void withoutTheJarItSaysWhereItLookedAndHowToBuildIt(@TempDir Path root) throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));

        Result result = run(AgentMachine.copyLauncher(bin), root, Map.of(), "--controller", "http://127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("paasmaker-agent: no paasmaker-engine.jar beside " + bin.toRealPath())
                .contains("'mvn package -DskipTests -pl paasmaker-engine -am', or set PAASMAKER_ENGINE_JAR");
    }
}
