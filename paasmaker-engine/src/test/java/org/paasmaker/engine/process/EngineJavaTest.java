package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EngineJavaTest {

    @Test
    void theExecutableIsTheJavaThisJvmRunsOnInItsHome() throws Exception {
        Path executable = Path.of(EngineJava.executable());

        assertThat(executable).isExecutable().startsWith(EngineJava.home());
        // What the kernel says this process runs, not what the property says.
        Path running = Path.of(ProcessHandle.current().info().command().orElseThrow());
        assertThat(executable.toRealPath()).isEqualTo(running.toRealPath());
        assertThat(EngineJava.home().resolve("release")).as("a Java home").satisfies(release ->
                assertThat(Files.readString(release)).contains("JAVA_VERSION=\"" + Runtime.version().feature()));
    }
}
