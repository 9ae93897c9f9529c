package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;

/**
 * Prints what the job trees cost in the database, one thread, after a warm-up: a save of a prepare's
 * tree (a root and eight steps, saved as each step starts and ends), finding the tree of a step, and
 * the leader's question of the unfinished trees among {@value #FINISHED} finished ones. For the
 * record only: it asserts what was stored, never how fast. Not on PostgreSQL: its test fixture opens a
 * connection for each transaction (it has no pool, as Liberty has), and that is all such a figure would show.
 */
class JpaJobsTimingsTest {

    private static final int STEPS = 8;
    private static final int FINISHED = 1000;
    private static final int ROUNDS = 100;
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    @TempDir
    Path directory;

    @Test
    void printsTheCostsOnEmbeddedDerby() {
        try (EmbeddedDerby derby = new EmbeddedDerby(directory)) {
            measure("embedded Derby", derby.openStore().jobs());
        }
    }

    private static void measure(String where, JobRepository jobs) {
        for (int i = 0; i < FINISHED; i++) {
            jobs.save(new JobTree(tree(JobId.random(), STEPS, STEPS), "a#1", "/logs"));
        }
        List<JobId> roots = new ArrayList<>();
        long saves = 0;
        long start = 0;
        for (int round = 0; round < 2 * ROUNDS; round++) {
            if (round == ROUNDS) {
                start = System.nanoTime();
                saves = 0;
            }
            JobId root = JobId.random();
            roots.add(root);
            // Each step starting and ending is a change of state, as a prepare makes them.
            for (int done = 0; done <= STEPS; done++) {
                jobs.save(new JobTree(tree(root, STEPS, done), "a#1", "/logs"));
                saves++;
            }
        }
        double perSave = (System.nanoTime() - start) / 1e6 / saves;
        JobView last = jobs.holding(roots.get(roots.size() - 1)).orElseThrow().root();
        start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            jobs.holding(last.children().get(i % STEPS).id()).orElseThrow();
        }
        double perHolding = (System.nanoTime() - start) / 1e6 / ROUNDS;
        jobs.unfinished();
        start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            jobs.unfinished();
        }
        double perUnfinished = (System.nanoTime() - start) / 1e6 / ROUNDS;
        System.out.printf("Job trees on %s, one thread: save of a tree of %d steps %.2f ms, the tree of a step"
                + " %.2f ms, the unfinished trees among %d %.2f ms%n", where, STEPS, perSave, perHolding,
                FINISHED + 2 * ROUNDS, perUnfinished);

        assertThat(last.children()).hasSize(STEPS).allSatisfy(step -> assertThat(step.state()).isEqualTo(JobState.SUCCESS));
        assertThat(jobs.unfinished()).isEmpty();
    }

    /** A root of {@code steps} steps, the first {@code done} of them finished and the next one running. */
    private static JobView tree(JobId root, int steps, int done) {
        List<JobView> children = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            JobState state = i < done ? JobState.SUCCESS : i == done ? JobState.RUNNING : JobState.WAITING;
            UUID base = UUID.fromString(root.value());
            JobId id = new JobId(new UUID(base.getMostSignificantBits(), base.getLeastSignificantBits() + 1 + i).toString());
            children.add(new JobView(id, Optional.of(root),
                    "Step " + i, state, "", Map.of(), Optional.of("alice"), NOW,
                    state == JobState.WAITING ? Optional.empty() : Optional.of(NOW),
                    state.finished() ? Optional.of(NOW) : Optional.empty(), List.of()));
        }
        JobState state = done >= steps ? JobState.SUCCESS : JobState.RUNNING;
        return new JobView(root, Optional.empty(), "Prepare hello", state, "", Map.of("version_id", "3"),
                Optional.of("alice"), NOW, Optional.of(NOW), state.finished() ? Optional.of(NOW) : Optional.empty(),
                children);
    }
}
