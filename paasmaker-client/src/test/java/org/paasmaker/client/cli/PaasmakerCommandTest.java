package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class PaasmakerCommandTest {

    @Test
    void showsHelp() {
        CommandLineRun run = CommandLineRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: paasmaker [-hV] [--debug] [COMMAND]\n")
                .containsPattern("\n  manifest +Work with application manifests\\.\n")
                .containsPattern("\n  deploy +Upload, prepare, start and make current a new version\\.\n")
                .doesNotContain("cds-training");
    }

    @Test
    void showsHelpForEachSubcommand() {
        CommandLineRun run = CommandLineRun.of("manifest", "validate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: paasmaker manifest validate [-hV] [--debug] [PATH]\n");
    }

    @Test
    void showsTheVersionMavenBuilt() {
        CommandLineRun run = CommandLineRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().findFirst()).hasValueSatisfying(line ->
                assertThat(line).matches("paasmaker \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
    }

    @Test
    void asksForASubcommand() {
        CommandLineRun run = CommandLineRun.of("manifest");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required subcommand\nUsage: paasmaker manifest ");
    }

    @Test
    void exitsWithTheExitCodeOfTheErrorCode() {
        CommandLine commandLine = PaasmakerCommand.commandLine().addSubcommand(new Fails(
                new NotFoundException("workspace", "staging")));

        CommandLineRun run = CommandLineRun.of(commandLine, "fails");

        assertThat(run.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(run.err()).isEqualTo("paasmaker: No workspace 'staging' exists.\n");
    }

    @Test
    void reportsAnUnexpectedFailureWithoutAStackTrace() {
        CommandLine commandLine = PaasmakerCommand.commandLine().addSubcommand(new Fails(
                new IllegalStateException("the cache is corrupt")));

        CommandLineRun run = CommandLineRun.of(commandLine, "fails");

        assertThat(run.exitCode()).isEqualTo(ErrorCode.INTERNAL.exitCode());
        assertThat(run.err()).isEqualTo("paasmaker: internal error: java.lang.IllegalStateException: the cache is"
                + " corrupt; run the command again with --debug for the details, and report it\n");
    }

    @Test
    void printsTheStackTraceOfAnUnexpectedFailureWithDebug() {
        CommandLine commandLine = PaasmakerCommand.commandLine().addSubcommand(new Fails(
                new IllegalStateException("the cache is corrupt")));

        CommandLineRun run = CommandLineRun.of(commandLine, "--debug", "fails");

        assertThat(run.exitCode()).isEqualTo(ErrorCode.INTERNAL.exitCode());
        assertThat(run.err()).startsWith("paasmaker: internal error: java.lang.IllegalStateException: the cache is"
                + " corrupt\njava.lang.IllegalStateException: the cache is corrupt\n\tat ");
    }

    /** A subcommand that fails as it is told, standing in for a command whose server call fails. */
    @Command(name = "fails")
    static final class Fails implements Callable<Integer> {

        private final RuntimeException failure;

        Fails(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }
}
