package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SurvivesItsLauncherTest {

    @TempDir
    Path directory;

    private DetachedProcesses processes;

    @BeforeEach
    void startFixture() {
        processes = new DetachedProcesses(directory);
    }

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDetachedProcessKeepsRunningWhenTheJvmThatLaunchedItIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path errors = directory.resolve("child-jvm.err");
        Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LaunchInChildJvm.class.getName(), directory.toString())
                .redirectError(errors.toFile())
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).as("the child JVM's stderr: %s", Files.readString(errors)).isNotNull();
            String[] fields = line.split(" ");
            ProcessIdentity sleep = new ProcessIdentity(Long.parseLong(fields[0]), Long.parseLong(fields[1]), fields[2]);
            processes.stopAtEnd(sleep);
            assertThat(ProcStat.of(sleep.pid()).orElseThrow().parentPid()).isEqualTo(jvm.pid());

            jvm.destroyForcibly();
            assertThat(jvm.waitFor(1, TimeUnit.MINUTES)).isTrue();

            assertThat(jvm.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            assertThat(sleep.isAlive()).isTrue();
            assertThat(ProcStat.of(sleep.pid()).orElseThrow().parentPid()).isNotEqualTo(jvm.pid());
        } finally {
            jvm.destroyForcibly();
        }
    }
}
