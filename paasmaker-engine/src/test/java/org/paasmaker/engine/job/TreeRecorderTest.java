package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;

/** The recorder on an executor that runs its tasks only when the test says so. */
class TreeRecorderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path directory;

    private final List<Runnable> queued = new ArrayList<>();
    private final Executor held = queued::add;
    private final List<String> warnings = new ArrayList<>();

    @Test
    void changesWhileASaveIsDueShareItAndItWritesTheTreeAsItStandsWhenItRuns() {
        JobRecords records = new JobRecords(directory, warnings::add);
        TreeRecorder recorder = new TreeRecorder(records::save, held, warnings::add);
        Job root = root(recorder);
        Job step = child(root, recorder);

        recorder.changed(root);
        step.start(NOW);
        root.tag("version_id", "7");

        assertThat(queued).hasSize(1);
        assertThat(records.load()).isEmpty();
        runQueued();
        JobView saved = records.load().get(0);
        assertThat(saved.tags()).containsEntry("version_id", "7");
        assertThat(saved.children().get(0).state()).isEqualTo(JobState.RUNNING);
        assertThat(saved.startedBy()).contains("alice");
        assertThat(saved.children().get(0).startedBy()).as("a step carries its root's starter").contains("alice");

        step.finish(JobState.SUCCESS, "", NOW);
        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(records.load().get(0).children().get(0).state()).isEqualTo(JobState.SUCCESS);
        assertThat(warnings).isEmpty();
    }

    @Test
    void closeSavesWhatIsDueThenNothingMore() {
        JobRecords records = new JobRecords(directory, warnings::add);
        TreeRecorder recorder = new TreeRecorder(records::save, held, warnings::add);
        Job root = root(recorder);
        Job step = child(root, recorder);
        step.start(NOW);

        recorder.close();
        step.finish(JobState.ABORTED, "the job was aborted", NOW);
        runQueued();

        assertThat(records.load()).singleElement()
                .satisfies(tree -> assertThat(tree.children().get(0).state()).isEqualTo(JobState.RUNNING));
        assertThat(warnings).isEmpty();
    }

    private Job root(TreeRecorder recorder) {
        JobId id = JobId.random();
        return new Job(id, null, "Root", Map.of(), Optional.of("alice"), new JobLog(directory.resolve(id + ".log"), JobLogLimit.DEFAULT, true), NOW,
                changed -> recorder.changed(changed.root()), (job, event) -> { });
    }

    private Job child(Job parent, TreeRecorder recorder) {
        JobId id = JobId.random();
        Job child = new Job(id, parent, "Step", Map.of(), Optional.empty(), new JobLog(directory.resolve(id + ".log"), JobLogLimit.DEFAULT, true), NOW,
                changed -> recorder.changed(changed.root()), (job, event) -> { });
        parent.addChild(child);
        return child;
    }

    private void runQueued() {
        List<Runnable> tasks = List.copyOf(queued);
        queued.clear();
        tasks.forEach(Runnable::run);
    }
}
