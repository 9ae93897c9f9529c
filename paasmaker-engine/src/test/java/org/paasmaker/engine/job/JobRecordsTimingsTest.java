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
import org.paasmaker.api.job.JobView;

/**
 * Prints roughly what recording costs: a tree of a hundred steps run with and without its record,
 * what a change costs the thread that makes it, one save of such a tree, and a start-up on a
 * directory of them. For the record only: it asserts
 * what was recorded, never how fast.
 */
class JobRecordsTimingsTest {

    private static final int STEPS = 100;
    private static final int ROUNDS = 10;
    private static final int CALLS = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<JobManager> managers = new ArrayList<>();

    @AfterEach
    void stop() {
        managers.forEach(JobManager::close);
        executor.shutdownNow();
    }

    @Test
    void printsTheCostOfRecordingAHundredStepTree() throws IOException {
        Path recorded = directory.resolve("recorded");
        JobManager recording = manager(recorded);
        JobManager silent = manager(directory.resolve("silent"));
        silent.close();
        runTrees(silent);
        runTrees(recording);

        double without = millisPerTree(silent);
        List<JobId> roots = new ArrayList<>();
        double with = millisPerTree(recording, roots);
        Job tagged = recording.createRoot("Tagged", Map.of());
        for (int i = 0; i < STEPS; i++) {
            recording.addChild(tagged, "Step " + (i + 1));
        }
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            tagged.tag("round", Integer.toString(i));
        }
        double perChange = (System.nanoTime() - start) / 1e6 / CALLS;
        JobView tree = recording.get(roots.get(0));
        JobRecords records = new JobRecords(recorded, warning -> { });
        start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            records.save(tree);
        }
        double perSave = (System.nanoTime() - start) / 1e6 / CALLS;
        recording.close();

        start = System.nanoTime();
        JobManager restarted = manager(recorded);
        double startUp = (System.nanoTime() - start) / 1e6;

        // Each tree records its creation, each step's creation, and the start and end of the root and each step.
        int changes = 1 + STEPS + 2 * (STEPS + 1);
        System.out.printf("Job records: a tree of %d steps (%d state changes) runs in %.1f ms with its record and"
                        + " %.1f ms without, %.3f ms more per state change; a change costs its thread %.4f ms, and"
                        + " one save of the tree (%d bytes), off that thread, %.2f ms; a start-up on %d such trees"
                        + " takes %.0f ms%n",
                STEPS, changes, with, without, (with - without) / changes, perChange,
                Files.size(recorded.resolve(tree.id() + ".tree.json")), perSave, 2 * ROUNDS + 1, startUp);
        for (JobId root : roots) {
            assertThat(restarted.get(root).state()).isEqualTo(JobState.SUCCESS);
            assertThat(restarted.get(root).children()).hasSize(STEPS);
        }
    }

    private double millisPerTree(JobManager jobs) {
        return millisPerTree(jobs, new ArrayList<>());
    }

    private double millisPerTree(JobManager jobs, List<JobId> roots) {
        long start = System.nanoTime();
        roots.addAll(runTrees(jobs));
        return (System.nanoTime() - start) / 1e6 / ROUNDS;
    }

    private List<JobId> runTrees(JobManager jobs) {
        List<JobId> roots = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Job root = jobs.createRoot("Root", Map.of("version_id", "7"));
            List<Job> steps = new ArrayList<>();
            for (int i = 0; i < STEPS; i++) {
                steps.add(jobs.addChild(root, "Step " + (i + 1)));
            }
            JobId id = jobs.submit(root, job -> steps.forEach(step -> jobs.runStep(step, context -> { })));
            assertThat(jobs.await(id, TIMEOUT).state()).isEqualTo(JobState.SUCCESS);
            roots.add(id);
        }
        return roots;
    }

    private JobManager manager(Path jobs) {
        JobManager manager = new JobManager(jobs, Clock.systemUTC(), executor, warning -> { }, JobManager.KEPT_TREES);
        managers.add(manager);
        return manager;
    }
}
