package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

class RuntimesTest {

    @Test
    void aVersionMatchesExactlyOrAsAPrefixAtADotWithinOneReleaseLineWhoseNewestWins() {
        List<String> installed = List.of("17.0.15", "17.0.9", "25.0.3", "3.1.2", "3.10.1", "3.9.18");
        assertThat(RuntimeVersions.match(installed, "17.0.15")).contains("17.0.15");
        assertThat(RuntimeVersions.match(installed, "17")).contains("17.0.15");
        assertThat(RuntimeVersions.match(installed, "17.0")).contains("17.0.15");
        assertThat(RuntimeVersions.match(installed, "3.1")).contains("3.1.2");
        assertThat(RuntimeVersions.match(installed, "3")).as("three lines have it").isEmpty();
        assertThat(RuntimeVersions.match(installed, "17.0.9")).contains("17.0.9");
        assertThat(RuntimeVersions.match(installed, "1")).isEmpty();
        assertThat(RuntimeVersions.match(installed, "25.0.")).isEmpty();
        assertThat(RuntimeVersions.match(installed, "2")).isEmpty();
    }

    @Test
    void aPrefixSpanningSeveralReleaseLinesIsRefusedNamingTheVersions() {
        assertThatThrownBy(() -> RuntimeVersions.require("paasmaker.runtime.ruby", List.of("3.2.2", "3.1.2"), "3"))
                .isInstanceOf(PaasmakerException.class)
                .hasMessage("the runtime paasmaker.runtime.ruby version '3' spans several release lines on this node"
                        + " (3.2.2, 3.1.2); give enough of the version to name one line, such as 3.2");
        assertThat(RuntimeVersions.require("paasmaker.runtime.ruby", List.of("3.2.2", "3.1.2"), "3.1")).isEqualTo("3.1.2");
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

    @Test
    void theRubyRuntimeFindsDebiansRubyAndPutsItFirstOnThePath() {
        Runtime ruby = new RubyRuntimeProvider().create(Path.of("/nonexistent-home"));
        assertThat(ruby.versions()).isNotEmpty().allMatch(v -> v.matches("\\d+\\.\\d+\\.\\d+"));
        assertThat(ruby.environment(ruby.versions().get(0), Map.of("PATH", "/nowhere")).get("PATH"))
                .endsWith(":/nowhere");
    }

    /** The rbenv Ruby is made: a script in an rbenv layout under a home of the test's own. */
    @Test
    void anRbenvRubyIsChosenWithRbenvVersionAsTheOriginalSetIt(@TempDir Path home) throws Exception {
        Path bin = Files.createDirectories(home.resolve(".rbenv/versions/3.3.6/bin"));
        Files.writeString(bin.resolve("ruby"), "#!/bin/sh\necho 'ruby 3.3.6 (made by the test)'\n");
        assertThat(bin.resolve("ruby").toFile().setExecutable(true)).isTrue();

        Runtime ruby = new RbenvRuntimeProvider().create(home);

        assertThat(ruby.versions()).contains("3.3.6");
        Map<String, String> environment = ruby.environment("3.3.6", Map.of("PATH", "/usr/bin"));
        assertThat(environment).containsEntry("RBENV_VERSION", "3.3.6")
                .containsEntry("PATH", bin.toRealPath() + ":/usr/bin");
        String system = ruby.versions().stream().filter(v -> !v.equals("3.3.6")).findFirst().orElseThrow();
        assertThat(ruby.environment(system, Map.of("PATH", "/usr/bin"))).doesNotContainKey("RBENV_VERSION");
    }

    /** The second Python is made: a script in the operator's directory that answers --version as 3.99.1. */
    @Test
    void anOperatorsDirectoryOfRuntimesAddsItsInstallations(@TempDir Path temp) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("runtimes/python/3.99.1/bin"));
        Files.writeString(bin.resolve("python"), "#!/bin/sh\necho Python 3.99.1\n");
        assertThat(bin.resolve("python").toFile().setExecutable(true)).isTrue();
        PythonRuntimeProvider provider = new PythonRuntimeProvider();
        provider.init(PluginSettings.of(provider.descriptor().name(), provider.settings(),
                Map.of("directories", temp.resolve("runtimes/python").toString()), temp));

        Runtime python = provider.create(temp.resolve("home"));

        assertThat(python.versions()).contains("3.99.1").anyMatch(v -> v.startsWith("3.") && !v.equals("3.99.1"));
        assertThat(python.environment("3.99.1", Map.of("PATH", "/usr/bin")).get("PATH"))
                .isEqualTo(bin.toRealPath() + ":/usr/bin");
        assertThat(PluginSettings.variable(provider.descriptor().name(), "directories"))
                .isEqualTo("PAASMAKER_RUNTIME_PYTHON_DIRECTORIES");
    }

    private static String realPath(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
