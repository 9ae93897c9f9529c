package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

class RuntimesTest {

    @Test
    void aVersionMatchesExactlyOrAsAPrefixAtADotAndTheNewestWins() {
        List<String> installed = List.of("17.0.15", "17.0.9", "25.0.3", "3.10.1", "3.9.18");
        assertThat(RuntimeVersions.match(installed, "17.0.15")).contains("17.0.15");
        assertThat(RuntimeVersions.match(installed, "17")).contains("17.0.15");
        assertThat(RuntimeVersions.match(installed, "17.0")).contains("17.0.15");
        assertThat(RuntimeVersions.match(installed, "3")).contains("3.10.1");
        assertThat(RuntimeVersions.match(installed, "1")).isEmpty();
        assertThat(RuntimeVersions.match(installed, "25.0.")).isEmpty();
        assertThat(RuntimeVersions.match(installed, "2")).isEmpty();
    }

    @Test
    void aMissingVersionIsAnErrorListingTheInstalledOnes() {
        assertThatThrownBy(() -> RuntimeVersions.require("paasmaker.runtime.node", List.of("20.20.2"), "18"))
                .isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_ENABLED))
                .hasMessage("the runtime paasmaker.runtime.node has no version '18' on this node; it has: 20.20.2");
    }

    @Test
    void theJavaRuntimeFindsTheRunningJdkAndSetsJavaHome() {
        Path home = Path.of(System.getProperty("java.home"));
        JavaRuntime java = new JavaRuntime(List.of(Path.of("/usr/lib/jvm")), home);
        String running = System.getProperty("java.version");

        assertThat(java.versions()).contains(running);
        Map<String, String> environment = java.environment(running, Map.of("PATH", "/usr/bin", "HOME", "/root"));
        assertThat(environment.get("JAVA_HOME")).isEqualTo(realPath(home));
        assertThat(environment.get("PATH")).isEqualTo(realPath(home) + "/bin:/usr/bin");
        assertThat(environment).containsEntry("HOME", "/root");
    }

    @Test
    void theShellRuntimeOffersVersionOneAndLeavesTheEnvironmentAlone() {
        ShellRuntime shell = new ShellRuntime();
        assertThat(shell.versions()).containsExactly("1");
        assertThat(shell.environment("1", Map.of("PATH", "/bin"))).isEqualTo(Map.of("PATH", "/bin"));
    }

    @Test
    void thePythonRuntimeFindsThePythonOnThePath() {
        ExecutableRuntime python = new ExecutableRuntime(List.of("python3"), List.of(), "bin/python");
        assertThat(python.versions()).isNotEmpty().allMatch(v -> v.startsWith("3."));
        String version = python.versions().get(0);
        assertThat(python.environment(version, Map.of("PATH", "/nowhere")).get("PATH")).endsWith(":/nowhere");
    }

    private static String realPath(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
