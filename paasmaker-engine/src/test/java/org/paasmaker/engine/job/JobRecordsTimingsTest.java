package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;

/**
 * Prints roughly what recording costs: a tree of a hundred steps run with and without its record,
 * and a start-up on a full directory. For the record only: it asserts what was recorded, never how fast.
 */
class JobRecordsTimingsTest {

    private static final int STEPS = 100;
    private static final int ROUNDS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private JobId lastRoot;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void printsTheCostPerStateChangeOfAHundredStepTreeAndOfAStartUp() throws IOException {
        JobManager recording = manager(directory.resolve("recording"));
        JobManager silent = manager(directory.resolve("silent"));
        silent.close();
        runTrees(silent, ROUNDS);
        runTrees(recording, ROUNDS);

        double without = runTrees(silent, ROUNDS);
        // Last, so that lastRoot is one of its trees.
        double withRecord = runTrees(recording, ROUNDS);
        // Each tree records its creation, each step's creation, and the start and end of the root and each step.
        int changes = 1 + STEPS + 2 * (STEPS + 1);
        long bytes = sizeOfSomeRecord(directory.resolve("recording"));

        long start = System.nanoTime();
        JobManager restarted = manager(directory.resolve("recording"));
        double startUp = (System.nanoTime() - start) / 1e6;

        System.out.printf("Job records: a tree of %d steps (%d state changes, a %d-byte record) runs in %.1f ms with"
                        + " its record and %.1f ms without: %.3f ms per state change. A start-up on %d such trees:"
                        + " %.0f ms%n", STEPS, changes, bytes, withRecord, without, (withRecord - without) / changes,
                2 * ROUNDS, startUp);
        try (var files = Files.list(directory.resolve("recording"))) {
            assertThat(files.filter(file -> file.toString().endsWith(".tree.json")).count()).isEqualTo(2 * ROUNDS);
        }
        assertThat(restarted.find(lastRoot)).hasValueSatisfying(tree -> {
            assertThat(tree.state()).isEqualTo(JobState.SUCCESS);
            assertThat(tree.children()).hasSize(STEPS);
        });
    }

    /** Milliseconds per tree. */
    private double runTrees(JobManager jobs, int rounds) {
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            Job root = jobs.createRoot("Root", Map.of("version_id", "7"));
            List<Job> steps = new ArrayList<>();
            for (int i = 0; i < STEPS; i++) {
                steps.add(jobs.addChild(root, "Step " + (i + 1)));
            }
            lastRoot = jobs.submit(root, job -> steps.forEach(step -> jobs.runStep(step, context -> { })));
            assertThat(jobs.await(lastRoot, TIMEOUT).state()).isEqualTo(JobState.SUCCESS);
        }
        return (System.nanoTime() - start) / 1e6 / rounds;
    }

    private JobManager manager(Path jobs) {
        return new JobManager(jobs, Clock.systemUTC(), executor, warning -> { }, JobManager.KEPT_TREES);
    }

    private long sizeOfSomeRecord(Path jobs) throws IOException {
        return Files.size(jobs.resolve(lastRoot + ".tree.json"));
    }
}
