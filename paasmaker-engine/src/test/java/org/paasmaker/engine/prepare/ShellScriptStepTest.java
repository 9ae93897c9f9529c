package org.paasmaker.engine.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;

/** The original's shell semantics: one bash script, set -xe, pipefail; failures name their command. */
class ShellScriptStepTest {

    @TempDir
    Path temp;

    @Test
    void theCommandsShareOneShellAndAreTraced() throws Exception {
        Output output = run(List.of("NAME=world", "cd sub", "echo \"hello $NAME from $(basename $PWD)\" > ../out.txt"));

        assertThat(output.exit).isNull();
        assertThat(temp.resolve("work/out.txt")).hasContent("hello world from sub");
        assertThat(output.log).contains("+ NAME=world").contains("+ cd sub");
        try (var scratch = Files.list(temp.resolve("scratch"))) {
            assertThat(scratch).as("scripts are deleted").isEmpty();
        }
    }

    @Test
    void aFailureInsideAPipelineNamesTheWholeCommand() throws Exception {
        Output output = run(List.of("echo one", "false | cat", "echo never"));

        assertThat(output.exit).hasMessage("the prepare command 2 ('false | cat') failed with exit code 1;"
                + " its output is in the job log");
        assertThat(output.exit.code()).isEqualTo(ErrorCode.PREPARE_FAILED);
        assertThat(output.log).contains("+ echo one").doesNotContain("never");
    }

    @Test
    void aMultiLineCommandIsCountedAsOne() throws Exception {
        Output output = run(List.of("echo first", "if true; then\n  echo inside\n  test 1 = 2\nfi", "echo never"));

        assertThat(output.exit).hasMessageStartingWith("the prepare command 2 ('if true; then");
        assertThat(output.exit).hasMessageContaining("failed with exit code 1");
    }

    @Test
    void anExplicitExitIsReportedWithItsCode() throws Exception {
        Output output = run(List.of("echo leaving", "exit 7"));

        assertThat(output.exit).hasMessage("the prepare commands failed with exit code 7; its output is in the job log");
    }

    private record Output(PaasmakerException exit, String log) {
    }

    private Output run(List<String> commands) throws IOException {
        Path work = Files.createDirectories(temp.resolve("work/sub")).getParent();
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        Path log = temp.resolve("log.txt");
        Files.deleteIfExists(log);
        Files.createFile(log);
        ShellScriptStep step = new ShellScriptStep(scratch, "prepare");
        PaasmakerException failure = null;
        try {
            step.run(PluginParameters.of(Map.of("commands", commands)), new ProcessStep(work, log));
        } catch (PaasmakerException e) {
            failure = e;
        }
        return new Output(failure, Files.readString(log));
    }

    /** Runs processes for real, output to a log file; there is no job to abort here. */
    private record ProcessStep(Path workingDirectory, Path logFile) implements StepContext {
        @Override
        public Map<String, String> environment() {
            return Map.of("PATH", System.getenv("PATH"));
        }

        @Override
        public StepContext with(Path directory, Map<String, String> environment) {
            return new ProcessStep(directory, logFile);
        }

        @Override
        public void log(String line) {
        }

        @Override
        public int run(List<String> command) {
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectErrorStream(true).redirectOutput(Redirect.appendTo(logFile.toFile()));
                builder.environment().clear();
                builder.environment().putAll(environment());
                return builder.start().waitFor();
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void checkAborted() {
        }
    }
}
