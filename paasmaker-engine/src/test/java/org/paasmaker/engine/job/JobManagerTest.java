package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;

class JobManagerTest {

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
        // Closed first: saves still due would write into the directory as it is deleted.
        jobs.close();
        executor.shutdownNow();
    }

    @Test
    void aTreeWhoseStepsSucceedSucceeds() {
        Job root = jobs.createRoot("Root", Map.of("version_id", "7"));
        Job first = jobs.addChild(root, "First");
        Job second = jobs.addChild(root, "Second");
        JobId id = jobs.submit(root, job -> {
            jobs.runStep(first, directory, Map.of(), step -> step.log("hello from first"));
            jobs.runStep(second, directory, Map.of(), step -> { });
        });

        JobView done = jobs.await(id, Duration.ofSeconds(30));

        assertThat(done.state()).isEqualTo(JobState.SUCCESS);
        assertThat(done.tags()).containsEntry("version_id", "7");
        assertThat(done.children()).extracting(JobView::state).containsExactly(JobState.SUCCESS, JobState.SUCCESS);
        assertThat(done.children().get(0).parentId()).contains(id);
        assertThat(done.startedAt()).isPresent();
        assertThat(done.finishedAt()).isPresent();
        assertThat(jobs.log(first.id())).isEqualTo("hello from first\n");
    }

    /** As an engine being built in an application server, whose executor runs nothing until the application has started. */
    @Test
    void aTreeRunOnTheCallingThreadHasEndedWhenRunReturnsThoughTheExecutorRunsNothing() {
        JobManager idle = new JobManager(directory.resolve("idle-jobs"), Clock.systemUTC(), task -> { });
        try {
            Job root = idle.createRoot("Root", Map.of());
            Job step = idle.addChild(root, "Step");
            Thread caller = Thread.currentThread();

            JobView done = idle.run(root, job -> idle.runStep(step, directory, Map.of(),
                    context -> context.log("on the caller's thread: " + (Thread.currentThread() == caller))));

            assertThat(done.state()).isEqualTo(JobState.SUCCESS);
            assertThat(idle.log(step.id())).isEqualTo("on the caller's thread: true\n");
            assertThat(idle.await(root.id(), Duration.ofSeconds(1)).state()).isEqualTo(JobState.SUCCESS);
        } finally {
            idle.close();
        }
    }

    @Test
    void aFailedStepFailsItsAncestorsAndTheStepsAfterItNeverRun() {
        Job root = jobs.createRoot("Root", Map.of());
        Job group = jobs.addChild(root, "Group");
        Job failing = jobs.addChild(group, "Failing");
        Job skippedInGroup = jobs.addChild(group, "Skipped in group");
        Job skipped = jobs.addChild(root, "Skipped");
        JobId id = jobs.submit(root, job -> {
            jobs.runGroup(group, () -> {
                jobs.runStep(failing, directory, Map.of(), step -> {
                    throw new PaasmakerException(ErrorCode.PREPARE_FAILED, "it broke");
                });
                jobs.runStep(skippedInGroup, directory, Map.of(), step -> { });
            });
            jobs.runStep(skipped, directory, Map.of(), step -> { });
        });

        JobView done = jobs.await(id, Duration.ofSeconds(30));

        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.summary()).isEqualTo("Failing: it broke");
        JobView groupView = done.children().get(0);
        assertThat(groupView.state()).isEqualTo(JobState.FAILED);
        assertThat(groupView.summary()).isEqualTo("Failing: it broke");
        assertThat(groupView.children()).extracting(JobView::state).containsExactly(JobState.FAILED, JobState.ABORTED);
        assertThat(groupView.children().get(0).summary()).isEqualTo("it broke");
        assertThat(done.children().get(1).state()).isEqualTo(JobState.ABORTED);
        assertThat(done.children().get(1).summary()).startsWith("not run");
        assertThat(jobs.log(failing.id())).contains("it broke");
    }

    @Test
    void anUnexpectedExceptionFailsTheStepWithItsStackTraceInTheLog() {
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Step");
        JobId id = jobs.submit(root, job -> jobs.runStep(step, directory, Map.of(), context -> {
            throw new IllegalStateException("boom");
        }));

        JobView done = jobs.await(id, Duration.ofSeconds(30));

        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.summary()).contains("internal error").contains("boom");
        assertThat(jobs.log(step.id())).contains("IllegalStateException").contains("JobManagerTest");
    }

    @Test
    void aStepsProcessOutputIsInItsLogWhileItRuns() throws Exception {
        Path release = directory.resolve("release");
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Step");
        JobId id = jobs.submit(root, job -> jobs.runStep(step, directory, Map.of("PATH", System.getenv("PATH")),
                context -> context.run(List.of("bash", "-c",
                        "echo started; while [ ! -e " + release + " ]; do sleep 0.05; done; echo finished"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.log(step.id()).contains("started"));
        assertThat(jobs.get(id).state()).isEqualTo(JobState.RUNNING);
        assertThat(jobs.get(step.id()).state()).isEqualTo(JobState.RUNNING);
        Files.createFile(release);

        assertThat(jobs.await(id, Duration.ofSeconds(30)).state()).isEqualTo(JobState.SUCCESS);
        assertThat(jobs.log(step.id())).isEqualTo("started\nfinished\n");
    }

    @Test
    void abortEndsTheRunningProcessTreeAndTheStepsAfterIt() throws Exception {
        Path pidFile = directory.resolve("grandchild.pid");
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Step");
        Job after = jobs.addChild(root, "After");
        JobId id = jobs.submit(root, job -> {
            jobs.runStep(step, directory, Map.of("PATH", System.getenv("PATH")),
                    context -> context.run(List.of("bash", "-c", "sleep 300 & echo $! > " + pidFile + "; wait")));
            jobs.runStep(after, directory, Map.of(), context -> { });
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        AtomicLong grandchild = new AtomicLong(Long.parseLong(Files.readString(pidFile).strip()));

        assertThat(jobs.abort(id)).isTrue();
        JobView done = jobs.await(id, Duration.ofSeconds(30));

        assertThat(done.state()).isEqualTo(JobState.ABORTED);
        assertThat(done.children()).extracting(JobView::state).containsExactly(JobState.ABORTED, JobState.ABORTED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(grandchild.get()).map(p -> !p.isAlive()).orElse(true));
        assertThat(jobs.abort(id)).isFalse();
    }

    @Test
    void aRootAbortedBeforeItStartsNeverRuns() {
        ExecutorService held = Executors.newSingleThreadExecutor();
        try {
            JobManager queued = new JobManager(directory.resolve("queued"), Clock.systemUTC(), held);
            java.util.concurrent.CountDownLatch blocker = new java.util.concurrent.CountDownLatch(1);
            Job first = queued.createRoot("Blocker", Map.of());
            queued.submit(first, job -> blocker.await());
            Job second = queued.createRoot("Queued", Map.of());
            Job step = queued.addChild(second, "Step");
            JobId id = queued.submit(second, job -> queued.runStep(step, directory, Map.of(), context -> { }));

            assertThat(queued.get(id).state()).isEqualTo(JobState.WAITING);
            queued.abort(id);
            blocker.countDown();

            JobView done = queued.await(id, Duration.ofSeconds(30));
            assertThat(done.state()).isEqualTo(JobState.ABORTED);
            assertThat(done.startedAt()).isEmpty();
            assertThat(done.children().get(0).state()).isEqualTo(JobState.ABORTED);
            queued.close();
        } finally {
            held.shutdownNow();
        }
    }
}
