package org.paasmaker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;

/** What every store's job trees must do: keep each tree whole, find it by any of its jobs, and list the unfinished. */
public abstract class JobRepositoryContract {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final String LOGS_A = "/var/lib/paasmaker/jobs";
    private static final String LOGS_B = "/srv/paasmaker-b/jobs";

    protected JobRepository jobs;

    protected abstract JobRepository newJobs();

    @BeforeEach
    void createJobs() {
        jobs = newJobs();
    }

    @Test
    void aTreeIsKeptWholeAndFoundByAnyOfItsJobs() {
        JobId rootId = JobId.random();
        JobView step = job(JobId.random(), Optional.of(rootId), "Build", JobState.RUNNING, List.of());
        JobTree tree = new JobTree(root(rootId, JobState.RUNNING, List.of(step)), "a#1234abcd", LOGS_A);
        jobs.save(tree);

        assertThat(jobs.holding(rootId)).contains(tree);
        assertThat(jobs.holding(step.id())).contains(tree);
        assertThat(jobs.holding(JobId.random())).isEmpty();

        // A step ends and another is added: the tree saved again replaces the first, and finds the new step.
        JobView done = job(step.id(), Optional.of(rootId), "Build", JobState.SUCCESS, List.of());
        JobView next = job(JobId.random(), Optional.of(rootId), "Start", JobState.WAITING, List.of());
        JobTree later = new JobTree(root(rootId, JobState.RUNNING, List.of(done, next)), "a#1234abcd", LOGS_A);
        jobs.save(later);

        assertThat(jobs.holding(next.id())).contains(later);
        assertThat(jobs.holding(step.id())).contains(later);
        assertThat(jobs.loggedIn(LOGS_A)).containsExactly(later);
    }

    @Test
    void theUnfinishedAreTheTreesWhoseRootRunsOrWaitsAtAnyController() {
        JobTree running = tree(JobState.RUNNING, "a#1", LOGS_A);
        JobTree waiting = tree(JobState.WAITING, "b#2", LOGS_B);
        JobTree failed = tree(JobState.FAILED, "a#1", LOGS_A);
        JobTree succeeded = tree(JobState.SUCCESS, "b#2", LOGS_B);
        List.of(running, waiting, failed, succeeded).forEach(jobs::save);

        assertThat(jobs.unfinished()).containsExactlyInAnyOrder(running, waiting);
        assertThat(jobs.loggedIn(LOGS_B)).containsExactlyInAnyOrder(waiting, succeeded);
        assertThat(jobs.loggedIn("/elsewhere")).isEmpty();

        JobTree ended = new JobTree(with(running.root(), JobState.FAILED), "a#1", LOGS_A);
        jobs.save(ended);
        assertThat(jobs.unfinished()).containsExactly(waiting);
    }

    @Test
    void aDeletedTreeIsFoundByNoneOfItsJobs() {
        JobId rootId = JobId.random();
        JobView step = job(JobId.random(), Optional.of(rootId), "Build", JobState.SUCCESS, List.of());
        JobTree tree = new JobTree(root(rootId, JobState.SUCCESS, List.of(step)), "a#1", LOGS_A);
        JobTree other = tree(JobState.SUCCESS, "a#1", LOGS_A);
        jobs.save(tree);
        jobs.save(other);

        jobs.delete(rootId);
        jobs.delete(JobId.random());

        assertThat(jobs.holding(rootId)).isEmpty();
        assertThat(jobs.holding(step.id())).isEmpty();
        assertThat(jobs.loggedIn(LOGS_A)).containsExactly(other);
        // Saved again, it is found again: nothing of the first record is left in the way.
        jobs.save(tree);
        assertThat(jobs.holding(step.id())).contains(tree);
    }

    @Test
    void aLargeTreeWithLongSummariesAndEveryFieldComesBackAsItWasSaved() {
        JobId rootId = JobId.random();
        List<JobView> steps = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            steps.add(new JobView(JobId.random(), Optional.of(rootId), "Step " + i + " – ünïcode", JobState.FAILED,
                    "x".repeat(2000), Map.of(), Optional.of("alice"), NOW, Optional.of(NOW.plusSeconds(i)),
                    Optional.of(NOW.plusSeconds(i + 1)), List.of()));
        }
        JobView root = new JobView(rootId, Optional.empty(), "Prepare hello", JobState.FAILED, "Step 3: failed",
                Map.of("application_id", "7", "version_id", "12"), Optional.of("alice"), NOW, Optional.of(NOW),
                Optional.of(NOW.plusSeconds(90)), steps);
        JobTree tree = new JobTree(root, "controller-b#99aa00ff", LOGS_B);
        jobs.save(tree);

        assertThat(jobs.holding(steps.get(59).id())).contains(tree);
    }

    private static JobTree tree(JobState state, String controller, String logs) {
        return new JobTree(root(JobId.random(), state, List.of()), controller, logs);
    }

    private static JobView root(JobId id, JobState state, List<JobView> children) {
        return new JobView(id, Optional.empty(), "Deploy", state, state.finished() ? "done" : "", Map.of("version_id", "3"),
                Optional.of("alice"), NOW, Optional.of(NOW), state.finished() ? Optional.of(NOW) : Optional.empty(),
                children);
    }

    private static JobView job(JobId id, Optional<JobId> parent, String title, JobState state, List<JobView> children) {
        return new JobView(id, parent, title, state, "", Map.of(), Optional.of("alice"), NOW,
                state == JobState.WAITING ? Optional.empty() : Optional.of(NOW),
                state.finished() ? Optional.of(NOW) : Optional.empty(), children);
    }

    private static JobView with(JobView root, JobState state) {
        return new JobView(root.id(), root.parentId(), root.title(), state, "ended", root.tags(), root.startedBy(),
                root.createdAt(), root.startedAt(), Optional.of(NOW), root.children());
    }
}
