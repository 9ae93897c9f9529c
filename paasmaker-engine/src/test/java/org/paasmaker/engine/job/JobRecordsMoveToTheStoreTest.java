package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;
import org.paasmaker.engine.internal.DaemonThreads;
import org.paasmaker.engine.store.InMemoryStore;

/**
 * An engine of the release before the store kept job trees recorded them in files beside their logs;
 * the next engine, on a store that keeps them, moves them there and shows them with their logs.
 */
class JobRecordsMoveToTheStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void treesRecordedInFilesMoveToTheStoreWithTheirLogsAndTheFilesGo() throws Exception {
        JobView done;
        JobView cutShort;
        try (JobManager before = new JobManager(directory, Clock.systemUTC(), executor)) {
            Job root = before.createRoot("Prepare", Map.of("version_id", "3"));
            Job step = before.addChild(root, "Build");
            done = before.await(before.submit(root, job -> before.runStep(step, context -> context.log("built"))), TIMEOUT);
            Job running = before.createRoot("Deploy", Map.of());
            running.start(Clock.systemUTC().instant());
            cutShort = running.view();
        }

        JobRepository store = new InMemoryStore().jobs();
        try (JobManager after = new JobManager(directory, Clock.systemUTC(), executor,
                DaemonThreads.named("test-job-events-"), JobLogLimit.DEFAULT, store, "b#2")) {
            assertThat(after.get(done.id())).isEqualTo(done);
            assertThat(after.log(done.children().get(0).id())).isEqualTo("built\n");
            assertThat(after.get(cutShort.id()).state()).as("left running: settled as before").isEqualTo(JobState.FAILED);

            JobTree moved = store.holding(done.children().get(0).id()).orElseThrow();
            assertThat(moved.root()).isEqualTo(done);
            assertThat(moved.controller()).isEqualTo("b#2");
            assertThat(moved.logs()).isEqualTo(directory.toString());
            assertThat(store.holding(cutShort.id()).orElseThrow().root().state()).isEqualTo(JobState.FAILED);
            try (Stream<Path> files = Files.list(directory)) {
                assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tree.json"));
            }
        }
    }
}
