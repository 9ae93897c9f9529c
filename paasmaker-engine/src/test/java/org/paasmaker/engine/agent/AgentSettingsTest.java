package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.PortRange;

/** The agent's options, each with its variable to fall back on, and the errors for bad ones. */
class AgentSettingsTest {

    @TempDir
    Path temp;

    @Test
    void optionsComeFirstAndVariablesFillTheRest() throws Exception {
        Path token = Files.writeString(temp.resolve("token"), "secret\n");

        AgentSettings settings = AgentSettings.parse(List.of("--controller", "http://10.0.0.1:8091", "--token-file",
                token.toString(), "--tag", "rack=b", "--tag", "zone=eu", "--ports", "43000-43099", "--name", "web-2"),
                Map.of("PAASMAKER_NODE_ADDRESS", "10.0.0.12", "PAASMAKER_HOME", temp.toString(),
                        "PAASMAKER_NODE_NAME", "ignored", "PAASMAKER_REPORT_INTERVAL", "2"));

        assertThat(settings.controllers()).extracting(Object::toString).containsExactly("http://10.0.0.1:8091");
        assertThat(settings.token().authorizes("Bearer secret")).isTrue();
        assertThat(settings.address()).isEqualTo("10.0.0.12");
        assertThat(settings.home()).isEqualTo(temp);
        assertThat(settings.name()).isEqualTo("web-2");
        assertThat(settings.tags()).isEqualTo(Map.of("rack", "b", "zone", "eu"));
        assertThat(settings.ports()).isEqualTo(new PortRange(43000, 43099));
        assertThat(settings.port()).isEqualTo(AgentSettings.DEFAULT_PORT);
        assertThat(settings.reportInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theTokenAndTagsMayComeFromVariables() {
        AgentSettings settings = AgentSettings.parse(List.of("--name", "n1"), Map.of(
                "PAASMAKER_CONTROLLER", "http://controller:8091", "PAASMAKER_NODE_TOKEN", "from-env",
                "PAASMAKER_NODE_TAGS", "rack=a, disk=ssd"));

        assertThat(settings.token().authorizes("Bearer from-env")).isTrue();
        assertThat(settings.tags()).isEqualTo(Map.of("rack", "a", "disk", "ssd"));
    }

    @Test
    void severalControllersAreAListSeparatedByCommas() {
        AgentSettings settings = AgentSettings.parse(List.of("--name", "n1", "--controller",
                "http://a:8091, http://b:8091"), Map.of("PAASMAKER_NODE_TOKEN", "t"));
        assertThat(settings.controllers()).extracting(Object::toString).containsExactly("http://a:8091", "http://b:8091");

        AgentSettings fromVariable = AgentSettings.parse(List.of("--name", "n1"), Map.of("PAASMAKER_NODE_TOKEN", "t",
                "PAASMAKER_CONTROLLER", "http://a:8091,http://b:8091,http://c:8091"));
        assertThat(fromVariable.controllers()).hasSize(3);
    }

    @Test
    void aBadControllerInTheListIsNamedWithItsPlace() {
        Map<String, String> env = Map.of("PAASMAKER_NODE_TOKEN", "t");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--name", "n", "--controller",
                "http://a:8091,b:8091,http://c:8091"), env))
                .hasMessageContaining("the controller 'b:8091' (controller 2 of 3 in 'http://a:8091,b:8091,http://c:8091')"
                        + " is not a URL");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--name", "n", "--controller", "http://a:8091,"), env))
                .hasMessageContaining("the controller '' (controller 2 of 2");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--name", "n", "--controller",
                "http://a:8091,http://a:8091"), env)).hasMessageContaining("is given twice");
    }

    @Test
    void badOptionsAreNamed() {
        Map<String, String> env = Map.of("PAASMAKER_NODE_TOKEN", "t");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--name", "n"), env))
                .hasMessageContaining("the controller is missing");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--controller", "http://c:8091", "--name", "n"), Map.of()))
                .hasMessageContaining("the node token is missing");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--controller", "ftp://c", "--name", "n"), env))
                .hasMessageContaining("'ftp://c' is not a URL");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--controller", "http://c:8091", "--name", "Bad Name"), env))
                .hasMessageContaining("'Bad Name' is not");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--controller", "http://c:8091", "--tag", "rack"), env))
                .hasMessageContaining("--tag 'rack' is not KEY=VALUE");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--colour", "red"), env))
                .hasMessageContaining("unknown option '--colour'");
        assertThatThrownBy(() -> AgentSettings.parse(List.of("--controller", "http://c:8091", "--token-file",
                temp.resolve("absent").toString()), Map.of())).hasMessageContaining("cannot read the node token file");
    }

    @Test
    void theCommandExitsWith2AndTheUsageOnBadOptions() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = AgentCommand.run(List.of("--controller"), Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> { });

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--controller needs a value").contains("--token-file FILE");
    }
}
