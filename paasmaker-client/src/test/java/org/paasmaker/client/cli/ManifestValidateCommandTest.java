package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestValidateCommandTest {

    @Test
    void summarisesAValidManifestOnOneLine() {
        Path hello = CommandLineRun.manifest("hello.yml");

        CommandLineRun run = CommandLineRun.of("manifest", "validate", hello.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(
                hello + " is valid: application 'hello', instance types web (1), worker (2), services 1\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void listsEveryErrorLikeACompilerAndExitsWith2() {
        Path broken = CommandLineRun.manifest("broken.yml");

        CommandLineRun run = CommandLineRun.of("manifest", "validate", broken.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).containsExactly(
                broken + ":8: instances[0].runtime.plugin: the runtime 'paasmaker.runtime.perl' is not"
                        + " available on this platform; it offers: paasmaker.runtime.java, paasmaker.runtime.node,"
                        + " paasmaker.runtime.node.nvm, paasmaker.runtime.php, paasmaker.runtime.python, paasmaker.runtime.ruby,"
                        + " paasmaker.runtime.ruby.rbenv, paasmaker.runtime.shell, paasmaker.runtime.static",
                broken + ":10: instances[0].hostname: unknown key; did you mean 'hostnames'?",
                broken + ":13: instances[0].crons[0].runspec: 'every tuesday' is not a cron expression:"
                        + " expected 5 fields (minute hour day-of-month month day-of-week) or a name such as"
                        + " @daily, found 2");
        assertThat(run.err()).isEqualTo("3 errors in " + broken + "\n");
    }

    @Test
    void leavesOutTheLineOfAnErrorThatHasNone() {
        Path empty = CommandLineRun.manifest("empty.yml");

        CommandLineRun run = CommandLineRun.of("manifest", "validate", empty.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEqualTo(
                empty + ": the manifest is empty; it needs the keys manifest, application, instances, services\n");
        assertThat(run.err()).isEqualTo("1 error in " + empty + "\n");
    }

    @Test
    void saysInOneLineThatTheFileIsMissing(@TempDir Path directory) {
        Path missing = directory.resolve("manifest.yml");

        CommandLineRun run = CommandLineRun.of("manifest", "validate", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("paasmaker: cannot read the manifest '" + missing
                + "': there is no such file\n");
    }

    @Test
    void readsManifestYmlWhenGivenNoPath() {
        CommandLineRun run = CommandLineRun.of("manifest", "validate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("paasmaker: cannot read the manifest 'manifest.yml': there is no such file\n");
    }

    @Test
    void showsTheCauseWithDebug(@TempDir Path directory) {
        Path missing = directory.resolve("manifest.yml");

        CommandLineRun run = CommandLineRun.of("manifest", "validate", "--debug", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("paasmaker: cannot read the manifest '" + missing
                        + "': there is no such file\norg.paasmaker.api.error.PaasmakerException: ")
                .contains("Caused by: java.nio.file.NoSuchFileException: " + missing, "\tat ");
    }

    @Test
    void refusesAnUnknownOptionWithTheUsage() {
        CommandLineRun run = CommandLineRun.of("manifest", "validate", "--strict");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Unknown option: '--strict'\nUsage: paasmaker manifest validate ");
    }

    @Test
    void refusesASecondPath() {
        CommandLineRun run = CommandLineRun.of("manifest", "validate", "a.yml", "b.yml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unmatched argument at index 3: 'b.yml'\n");
    }
}
