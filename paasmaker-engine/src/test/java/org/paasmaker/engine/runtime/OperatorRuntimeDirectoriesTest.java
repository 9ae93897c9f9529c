package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.EngineFixture;

/**
 * An operator's directory of runtimes, given in the engine's settings environment, adds its
 * installations to what the node advertises. The second Ruby is made: a script answering as 9.9.9.
 */
class OperatorRuntimeDirectoriesTest {

    @TempDir
    static Path rubies;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder.settingsEnvironment(
            Map.of("PAASMAKER_RUNTIME_RUBY_DIRECTORIES", rubies.toString())));

    @BeforeAll
    static void aRubyInTheOperatorsDirectory() throws Exception {
        Path ruby = Files.createDirectories(rubies.resolve("9.9.9/bin")).resolve("ruby");
        Files.writeString(ruby, "#!/bin/sh\necho 'ruby 9.9.9p0 (made by the test)'\n");
        assertThat(ruby.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void theNodeAdvertisesTheOperatorsRubyBesideTheSystemsUnderThePluginTheSettingNames() {
        Map<String, java.util.List<String>> runtimes = fixture.engine().nodes().runtimes();

        assertThat(runtimes.get("paasmaker.runtime.ruby")).contains("9.9.9").anyMatch(v -> !v.equals("9.9.9"));
        assertThat(runtimes.get("paasmaker.runtime.ruby.rbenv")).as("the original's name reads PAASMAKER_RUNTIME_RUBY_RBENV_DIRECTORIES")
                .doesNotContain("9.9.9");
    }
}
