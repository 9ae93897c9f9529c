package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Manifests written the original Paasmaker's way (its getting-started tutorial's first and last steps,
 * and its how-tos' runtimes, services and plugins) pass {@code paasmaker manifest validate} unchanged.
 */
class OriginalManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"tutorial-first.yml", "tutorial-last.yml", "howto-php.yml", "howto-ruby-node.yml",
        "howto-python-pip.yml"})
    void validatesUnchanged(String name) {
        Path manifest = CommandLineRun.manifest("original/" + name);

        CommandLineRun run = CommandLineRun.of("manifest", "validate", manifest.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith(manifest + " is valid: application '");
        assertThat(run.err()).isEmpty();
    }
}
