package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.engine.ShiftableClock;

/**
 * A job manager started on the directory of an earlier one, which either finished its trees, was
 * closed while they ran (the engine's shutdown), or was simply left behind while they ran, as a
 * killed engine is.
 */
class JobManagerRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<JobManager> managers = new ArrayList<>();

    @AfterEach
    void stop() {
        // Closed first, so that no job the release lets finish writes into the directory as it is deleted.
        managers.forEach(JobManager::close);
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void finishedTreesShowAsTheyEndedWithTheirLogs() {
        JobManager first = manager(Clock.systemUTC());
        Job root = first.createRoot("Root", Map.of("version_id", "7"));
        Job ok = first.addChild(root, "Succeeds");
        Job failing = first.addChild(root, "Fails");
        Job skipped = first.addChild(root, "Never runs");
        JobId id = first.submit(root, job -> {
            first.runStep(ok, step -> step.log("hello from the first step"));
            first.runStep(failing, step -> {
                throw new PaasmakerException(ErrorCode.PREPARE_FAILED, "it broke");
            });
            first.runStep(skipped, step -> { });
        });
        JobView ended = first.await(id, TIMEOUT);
        Job other = first.createRoot("Other", Map.of());
        JobView otherEnded = first.await(first.submit(other, job -> root.tag("late", "tag")), TIMEOUT);
        JobView withLateTag = first.get(id);
        first.close();

        JobManager second = manager(Clock.systemUTC());

        assertThat(ended.state()).isEqualTo(JobState.FAILED);
        assertThat(withLateTag.tags()).containsEntry("late", "tag");
        assertThat(second.get(id)).isEqualTo(withLateTag);
        assertThat(second.get(other.id())).isEqualTo(otherEnded);
        assertThat(second.get(failing.id()).summary()).isEqualTo("it broke");
        assertThat(second.log(ok.id())).isEqualTo("hello from the first step\n");
        assertThat(second.log(failing.id())).contains("it broke");
        assertThat(second.await(id, TIMEOUT)).isEqualTo(withLateTag);
        assertThat(second.abort(id)).isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void whoStartedATreeSurvivesARestartAndAnOlderRecordWithoutItReadsAsUnknown() throws IOException {
        JobManager first = manager(Clock.systemUTC());
        Actor alice = new Actor("alice", Optional.of(new UserId(4)));
        Job deploy = first.startedBy(alice, () -> first.createRoot("Deploy", Map.of()));
        Job step = first.addChild(deploy, "Step");
        CompletableFuture<Job> replaced = new CompletableFuture<>();
        first.await(first.submit(deploy, job -> {
            first.runStep(step, context -> { });
            replaced.complete(first.createRoot("Stop the version it replaced", Map.of()));
        }), TIMEOUT);
        Job byItself = first.createRoot("Health replacement", Map.of());
        first.await(first.submit(byItself, job -> { }), TIMEOUT);
        Job old = first.createRoot("Recorded by an older engine", Map.of());
        first.await(first.submit(old, job -> { }), TIMEOUT);
        first.close();
        String record = Files.readString(record(old.id()));
        assertThat(record).contains("\"startedBy\":\"paasmaker\"");
        writeRecord(old.id(), record.replace(",\"startedBy\":\"paasmaker\"", ""));

        JobManager next = manager(Clock.systemUTC());

        assertThat(next.get(deploy.id()).startedBy()).contains("alice");
        assertThat(next.get(step.id()).startedBy()).as("a step carries its root's starter").contains("alice");
        assertThat(next.get(replaced.join().id()).startedBy()).as("a tree its work started").contains("alice");
        assertThat(next.get(byItself.id()).startedBy()).contains(Actor.PLATFORM);
        assertThat(next.get(old.id()).startedBy()).isEmpty();
        assertThat(next.get(old.id()).state()).isEqualTo(JobState.SUCCESS);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aTreeLeftRunningByAKilledEngineShowsAsFailedAndSaysWhatToDo() throws Exception {
        JobManager killed = manager(Clock.systemUTC());
        Job root = killed.createRoot("Prepare", Map.of());
        Job done = killed.addChild(root, "Done");
        Job group = killed.addChild(root, "Group");
        Job running = killed.addChild(group, "Running");
        Job waiting = killed.addChild(group, "Waiting in the group");
        Job later = killed.addChild(root, "Later");
        JobId id = killed.submit(root, job -> {
            killed.runStep(done, step -> step.log("done"));
            killed.runGroup(group, () -> {
                killed.runStep(running, step -> {
                    step.log("working");
                    release.await();
                });
                killed.runStep(waiting, step -> { });
            });
            killed.runStep(later, step -> { });
        });
        await().atMost(TIMEOUT).until(() -> recorded(running.id()) == JobState.RUNNING);

        JobManager next = manager(Clock.systemUTC());

        JobView tree = next.get(id);
        assertThat(tree.state()).isEqualTo(JobState.FAILED);
        assertThat(tree.summary()).isEqualTo(StoppedJobs.STOPPED);
        assertThat(tree.finishedAt()).isPresent();
        assertThat(states(tree)).containsExactly(
                "Prepare: FAILED", "Done: SUCCESS", "Group: FAILED", "Running: FAILED", "Waiting in the group: ABORTED",
                "Later: ABORTED");
        assertThat(next.get(running.id()).summary()).isEqualTo(StoppedJobs.STOPPED);
        assertThat(next.get(later.id()).summary()).isEqualTo(StoppedJobs.NOT_RUN);
        assertThat(next.log(running.id())).startsWith("working\n").contains("run the same action again");
        assertThat(next.log(id)).contains("The engine stopped before this job finished");
        assertThat(next.log(done.id())).isEqualTo("done\n");
        assertThat(next.log(later.id())).isEmpty();
        assertThat(next.await(id, TIMEOUT)).isEqualTo(tree);
        assertThat(next.abort(id)).isFalse();

        // The settled tree was recorded: a third engine shows it alike, and does not explain it twice.
        JobManager third = manager(Clock.systemUTC());
        assertThat(third.get(id)).isEqualTo(tree);
        assertThat(third.log(running.id())).isEqualTo(next.log(running.id()));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aTreeQueuedBehindAnotherWhenTheEngineStoppedShowsAsFailed() {
        JobManager killed = manager(Clock.systemUTC());
        Job queued = killed.createRoot("Queued", Map.of());
        Job step = killed.addChild(queued, "Step");
        killed.submitAfter(new CompletableFuture<Void>(), queued, job -> { }, () -> { });
        await().atMost(TIMEOUT).until(() -> recorded(step.id()) == JobState.WAITING);

        JobManager next = manager(Clock.systemUTC());

        JobView tree = next.get(queued.id());
        assertThat(tree.state()).isEqualTo(JobState.FAILED);
        assertThat(tree.summary()).isEqualTo(StoppedJobs.STOPPED);
        assertThat(tree.startedAt()).isEmpty();
        assertThat(next.get(step.id()).state()).isEqualTo(JobState.ABORTED);
        assertThat(next.log(queued.id())).contains("run the same action again");
    }

    @Test
    void treesCutShortByAnEngineShutdownShowAsStoppedByTheEngineNotAsAborted() {
        JobManager closing = manager(Clock.systemUTC());
        Job root = closing.createRoot("Root", Map.of());
        Job step = closing.addChild(root, "Step");
        JobId id = closing.submit(root, job -> closing.runStep(step, context -> release.await()));
        await().atMost(TIMEOUT).until(() -> closing.get(step.id()).state() == JobState.RUNNING);

        closing.close();
        executor.shutdownNow();
        assertThat(closing.await(id, TIMEOUT).state()).isEqualTo(JobState.ABORTED);

        JobManager next = manager(Clock.systemUTC());
        assertThat(next.get(id).state()).isEqualTo(JobState.FAILED);
        assertThat(next.get(step.id()).summary()).isEqualTo(StoppedJobs.STOPPED);
    }

    @Test
    void aStoppingEngineEndsItsRunningTreesAtOnceAsFailedSayingSo() throws Exception {
        JobManager stopping = manager(Clock.systemUTC());
        Path pidFile = directory.resolve("sleep.pid");
        Job root = stopping.createRoot("Prepare", Map.of());
        Job command = stopping.addChild(root, "Command");
        Job later = stopping.addChild(root, "Later");
        JobId id = stopping.submit(root, job -> {
            stopping.runStep(command, context -> context.run(List.of("bash", "-c",
                    "sleep 300 & echo $! > " + pidFile + "; wait")));
            stopping.runStep(later, context -> { });
        });
        Job queued = stopping.createRoot("Queued", Map.of());
        CompletableFuture<Void> ahead = new CompletableFuture<>();
        stopping.submitAfter(ahead, queued, job -> { }, () -> { });
        Job never = stopping.createRoot("Never submitted", Map.of());
        await().atMost(TIMEOUT).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long sleep = Long.parseLong(Files.readString(pidFile).strip());

        stopping.stopAllForShutdown(TIMEOUT);

        JobView tree = stopping.get(id);
        assertThat(tree.state()).isEqualTo(JobState.FAILED);
        assertThat(tree.summary()).isEqualTo(StoppedJobs.STOPPED);
        assertThat(states(tree)).containsExactly("Prepare: FAILED", "Command: FAILED", "Later: ABORTED");
        assertThat(stopping.get(later.id()).summary()).isEqualTo(StoppedJobs.NOT_RUN);
        assertThat(stopping.log(id)).contains("run the same action again");
        await("the step's command to end").atMost(TIMEOUT).until(() -> ProcessHandle.of(sleep).isEmpty());
        assertThat(stopping.get(never.id()).state()).as("a root never submitted is left alone")
                .isEqualTo(JobState.WAITING);
        ahead.complete(null);
        assertThat(stopping.await(queued.id(), TIMEOUT).summary()).as("a queued tree, once its turn comes")
                .isEqualTo(StoppedJobs.STOPPED);

        stopping.close();
        JobManager next = manager(Clock.systemUTC());
        assertThat(next.get(id)).as("recorded as it ended").isEqualTo(tree);
    }

    @Test
    void aRecordThatCannotBeSavedIsAWarningAndTheJobRunsOn() throws IOException {
        JobManager jobs = manager(Clock.systemUTC());
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Step");
        await().atMost(TIMEOUT).until(() -> recorded(step.id()) == JobState.WAITING);
        // A directory where the record belongs: no save can replace it.
        Files.delete(record(root.id()));
        Files.createDirectories(record(root.id()).resolve("in the way"));

        JobView done = jobs.await(jobs.submit(root, job -> jobs.runStep(step, context -> context.log("ran"))), TIMEOUT);

        assertThat(done.state()).isEqualTo(JobState.SUCCESS);
        assertThat(jobs.log(step.id())).isEqualTo("ran\n");
        await().atMost(TIMEOUT).until(() -> !warnings.isEmpty());
        assertThat(warnings.get(0)).startsWith("cannot save the record of job " + root.id() + " ('Root') in " + directory)
                .endsWith("The next engine will show this job as it was last saved.");
    }

    @Test
    void unreadableRecordsAreSkippedWithAWarningAndTheOthersLoad() throws IOException {
        JobManager first = manager(Clock.systemUTC());
        Job kept = first.createRoot("Kept", Map.of());
        first.await(first.submit(kept, job -> { }), TIMEOUT);
        first.close();
        String good = Files.readString(record(kept.id()));
        Path garbage = writeRecord(JobId.random(), "not json at all");
        Path empty = writeRecord(JobId.random(), "");
        Path torn = writeRecord(JobId.random(), good.substring(0, good.length() / 2));
        Path future = writeRecord(JobId.random(), good.replace("\"format\":1", "\"format\":2"));
        Path badState = writeRecord(JobId.random(), good.replace("\"SUCCESS\"", "\"HALF_DONE\""));
        Path misnamed = writeRecord(JobId.random(), good);

        JobManager next = manager(Clock.systemUTC());

        assertThat(next.get(kept.id()).state()).isEqualTo(JobState.SUCCESS);
        assertThat(warnings).hasSize(6);
        for (Path file : List.of(garbage, empty, torn, future, badState, misnamed)) {
            assertThat(warnings).anySatisfy(warning -> assertThat(warning)
                    .startsWith("Skipped the job record " + file + ": ").endsWith("Delete the file once nobody needs it."));
            assertThat(file).exists();
        }
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).contains("format is 2"));
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).contains("HALF_DONE"));
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).contains("belongs in " + record(kept.id())));
    }

    @Test
    void onlyTheNewestTreesAreKeptWithTheirLogs() throws IOException {
        ShiftableClock clock = new ShiftableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JobManager first = manager(clock);
        List<Job> roots = new ArrayList<>();
        List<Job> steps = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            clock.set(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(day)));
            Job root = first.createRoot("Day " + day, Map.of());
            Job step = first.addChild(root, "Step of day " + day);
            first.await(first.submit(root, job -> first.runStep(step, context -> context.log("day"))), TIMEOUT);
            roots.add(root);
            steps.add(step);
        }
        first.close();
        Files.writeString(directory.resolve(JobId.random() + "-123.tmp"), "left by a crash");

        JobManager next = track(new JobManager(directory, clock, executor, warnings::add, 3));

        for (int i = 0; i < 2; i++) {
            JobId old = roots.get(i).id();
            assertThat(next.find(old)).isEmpty();
            assertThat(record(old)).doesNotExist();
            assertThat(directory.resolve(old + ".log")).doesNotExist();
            assertThat(directory.resolve(steps.get(i).id() + ".log")).doesNotExist();
        }
        for (int i = 2; i < 5; i++) {
            assertThat(next.get(roots.get(i).id()).state()).isEqualTo(JobState.SUCCESS);
            assertThat(next.log(steps.get(i).id())).isEqualTo("day\n");
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"))
                    .hasSize(3 * 3);
        }
        assertThat(warnings).isEmpty();
    }

    private JobManager manager(Clock clock) {
        return track(new JobManager(directory, clock, executor, warnings::add, JobManager.KEPT_TREES));
    }

    private JobManager track(JobManager manager) {
        managers.add(manager);
        return manager;
    }

    /** The job's state in its tree's record as the next engine would read it, without settling anything. */
    private JobState recorded(JobId job) {
        List<JobState> states = new ArrayList<>();
        new JobRecords(directory, warnings::add).load()
                .forEach(tree -> tree.walk(each -> {
                    if (each.id().equals(job)) {
                        states.add(each.state());
                    }
                }));
        return states.isEmpty() ? null : states.get(0);
    }

    private Path record(JobId root) {
        return directory.resolve(root + ".tree.json");
    }

    private Path writeRecord(JobId root, String content) throws IOException {
        return Files.writeString(record(root), content);
    }

    private static List<String> states(JobView tree) {
        List<String> lines = new ArrayList<>();
        tree.walk(job -> lines.add(job.title() + ": " + job.state()));
        return lines;
    }
}
