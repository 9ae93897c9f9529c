package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;

/** launch_command as the original formatted and split it: Python % formatting, then shlex.split. */
class LaunchCommandTest {

    @Test
    void thePortIsFormattedInAndPercentSignsAreEscaped() {
        assertThat(LaunchCommand.format("python app.py --port=%(port)d", OptionalInt.of(42600)))
                .isEqualTo("python app.py --port=42600");
        assertThat(LaunchCommand.format("x %(port)s %(port)i 100%%", OptionalInt.of(5))).isEqualTo("x 5 5 100%");
        assertThat(LaunchCommand.format("no port here", OptionalInt.empty())).isEqualTo("no port here");
    }

    @Test
    void aStrayPercentOrAPortForAStandaloneInstanceIsAnError() {
        assertThatThrownBy(() -> LaunchCommand.format("run --load=90%", OptionalInt.of(1)))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MANIFEST))
                .hasMessage("the launch_command 'run --load=90%' has a '%' at position 14 that is not %(port)d;"
                        + " write %% for a literal %");
        assertThatThrownBy(() -> LaunchCommand.format("worker --port=%(port)d", OptionalInt.empty()))
                .hasMessageContaining("a standalone instance has no port");
    }

    @Test
    void wordsAreSplitAsShlexSplitsThem() {
        assertThat(LaunchCommand.split("java -jar app.jar")).containsExactly("java", "-jar", "app.jar");
        assertThat(LaunchCommand.split("  sh -c 'echo \"hi there\"; exit 0'  "))
                .containsExactly("sh", "-c", "echo \"hi there\"; exit 0");
        assertThat(LaunchCommand.split("a\\ b \"c \\\"d\\\"\" e''f")).containsExactly("a b", "c \"d\"", "ef");
        assertThat(LaunchCommand.split("'' x")).containsExactly("", "x");
        assertThat(LaunchCommand.split("$HOME ~ *")).containsExactly("$HOME", "~", "*");
        assertThatThrownBy(() -> LaunchCommand.split("echo 'open")).hasMessageContaining("unclosed ' quote");
    }

    @Test
    void thePlanWaitsStartTimeoutForAPortAndStandaloneWaitOtherwise() {
        PluginParameters parameters = PluginParameters.of(Map.of("launch_command", "./run --port %(port)d",
                "start_timeout", 20L, "standalone_wait", 5L));
        LaunchPlan web = LaunchCommand.plan(new LaunchRequest("1", parameters, Path.of("/code"), OptionalInt.of(42601),
                Map.of("PM_PORT", "42601")), Map.of("PM_PORT", "42601"));
        assertThat(web.command()).containsExactly("./run", "--port", "42601");
        assertThat(web.readyWithin()).isEqualTo(Duration.ofSeconds(20));
        assertThat(web.environment()).containsEntry("PM_PORT", "42601");

        PluginParameters worker = PluginParameters.of(Map.of("launch_command", "./worker",
                "start_timeout", 20L, "standalone_wait", 5L));
        LaunchPlan standalone = LaunchCommand.plan(new LaunchRequest("1", worker, Path.of("/code"), OptionalInt.empty(),
                Map.of()), Map.of());
        assertThat(standalone.readyWithin()).isEqualTo(Duration.ofSeconds(5));
        assertThat(standalone.command()).isEqualTo(List.of("./worker"));
    }
}
