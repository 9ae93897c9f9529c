package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AgentTrainingTest {

    @Test
    void theTrainingRunsAnAgentAgainstItsOwnControllerAndLeavesNothingBehind() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Path> before = homes();

        int exit = AgentCommand.run(List.of("--cds-training"), Map.of(), new PrintStream(out), new PrintStream(err),
                () -> {
                    throw new AssertionError("the training does not wait to be stopped");
                });

        assertThat(exit).isZero();
        assertThat(out.toString() + err).isEmpty();
        assertThat(homes()).isSubsetOf(before);
    }

    @Test
    void itIsNotAnOptionOfAnAgent() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = AgentCommand.run(List.of("--controller", "http://127.0.0.1:1", "--cds-training"), Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), () -> { });

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("unknown option '--cds-training'").doesNotContain("cds-training\n");
    }

    private static List<Path> homes() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("paasmaker-agent-cds-")).toList();
        }
    }
}
