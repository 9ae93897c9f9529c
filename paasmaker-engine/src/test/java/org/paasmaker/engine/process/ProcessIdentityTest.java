package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessIdentityTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path directory;

    @Test
    void theJvmsOwnPidParsesAndIsAlive() {
        ProcessIdentity self = ProcessIdentity.of(SELF).orElseThrow();

        assertThat(self.pid()).isEqualTo(SELF);
        assertThat(self.startTicks()).isPositive();
        assertThat(self.bootId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(self.isAlive()).isTrue();
    }

    @Test
    void thePidWithAnotherStartTimeIsAnotherProcess() {
        ProcessIdentity self = ProcessIdentity.of(SELF).orElseThrow();

        assertThat(new ProcessIdentity(SELF, self.startTicks() + 1, self.bootId()).isAlive()).isFalse();
        assertThat(new ProcessIdentity(SELF, self.startTicks() - 1, self.bootId()).isAlive()).isFalse();
    }

    @Test
    void theSamePidAndStartTimeFromAnotherBootIsAnotherProcess() {
        ProcessIdentity self = ProcessIdentity.of(SELF).orElseThrow();

        assertThat(new ProcessIdentity(SELF, self.startTicks(), "00000000-0000-0000-0000-000000000000").isAlive()).isFalse();
    }

    @Test
    void anEndedProcessIsNotAlive() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "300").start();
        try {
            ProcessIdentity identity = ProcessIdentity.of(sleep.pid()).orElseThrow();
            assertThat(identity.isAlive()).isTrue();

            sleep.destroyForcibly();
            assertThat(sleep.waitFor(1, TimeUnit.MINUTES)).isTrue();

            assertThat(identity.isAlive()).isFalse();
            assertThat(ProcessIdentity.of(sleep.pid())).isEmpty();
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aProcessWhoseNameHoldsSpacesAndParenthesesIsRead() throws IOException {
        Path oddlyNamed = directory.resolve("sl) (ee p");
        Files.copy(Path.of("/usr/bin/sleep"), oddlyNamed);
        Process sleep = new ProcessBuilder(oddlyNamed.toString(), "300").start();
        try {
            ProcStat stat = ProcStat.of(sleep.pid()).orElseThrow();

            assertThat(stat.parentPid()).isEqualTo(SELF);
            assertThat(stat.startTicks()).isEqualTo(ProcessIdentity.of(sleep.pid()).orElseThrow().startTicks());
            assertThat(new String(Files.readAllBytes(Path.of("/proc", Long.toString(sleep.pid()), "stat"))))
                    .contains("(sl) (ee p)");
        } finally {
            sleep.destroyForcibly();
        }
    }
}
