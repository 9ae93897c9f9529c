package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;

class CommandOutputTest {

    @TempDir
    Path directory;

    private ExecutorService executor;
    private JobManager jobs;

    @BeforeEach
    void start() {
        executor = Executors.newCachedThreadPool();
        jobs = new JobManager(directory.resolve("jobs"), Clock.systemUTC(), executor);
    }

    @AfterEach
    void stop() {
        jobs.close();
        executor.shutdownNow();
    }

    @Test
    void aStepEndsWhenItsCommandDoesThoughABackgroundProcessStillHoldsTheOutput() throws Exception {
        Path pid = directory.resolve("background.pid");
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Leaves a process behind");
        jobs.submit(root, job -> jobs.runStep(step, directory, Map.of("PATH", System.getenv("PATH")),
                context -> assertThat(context.run(List.of("bash", "-c", "sleep 120 & echo $! > " + pid
                        + "; echo started"))).isZero()));
        try {
            JobView done = jobs.await(root.id(), Duration.ofSeconds(60));

            assertThat(done.state()).isEqualTo(JobState.SUCCESS);
            // The JDK closes the pipe's end when the command exits unless a read is under way then; if one
            // is, the step waits a few seconds for the output's end and then says why it goes on without it.
            assertThat(jobs.log(step.id())).startsWith("started\n");
        } finally {
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void bothOutputsOfACommandReachTheLogInTheOrderWritten() {
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Writes to both");
        jobs.submit(root, job -> jobs.runStep(step, directory, Map.of("PATH", System.getenv("PATH")),
                context -> assertThat(context.run(List.of("bash", "-c", "echo out; echo err >&2; echo out again"))).isZero()));

        assertThat(jobs.await(root.id(), Duration.ofSeconds(60)).state()).isEqualTo(JobState.SUCCESS);
        assertThat(jobs.log(step.id())).isEqualTo("out\nerr\nout again\n");
    }
}
