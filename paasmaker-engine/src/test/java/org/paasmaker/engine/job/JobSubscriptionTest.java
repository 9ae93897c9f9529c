package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;

/** What subscribers of a job tree hear, with real steps, real commands and real log files. */
class JobSubscriptionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private ExecutorService executor;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private JobManager jobs;

    @BeforeEach
    void start() {
        executor = Executors.newCachedThreadPool();
        jobs = new JobManager(directory.resolve("jobs"), Clock.systemUTC(), executor, warnings::add,
                JobManager.KEPT_TREES);
    }

    @AfterEach
    void stop() {
        jobs.close();
        executor.shutdownNow();
    }

    @Test
    void aListenerHearsEveryStateChangeInOrderAndEachLogsGrowthBeforeItsEnd() {
        Job root = jobs.createRoot("Root", Map.of());
        Job first = jobs.addChild(root, "First");
        Job second = jobs.addChild(root, "Second");
        Heard heard = new Heard();
        try (JobSubscription subscription = jobs.subscribe(root.id(), heard)) {
            jobs.submit(root, job -> {
                jobs.runStep(first, directory, environment(), step -> {
                    step.log("from the engine");
                    step.run(List.of("bash", "-c", "echo one; sleep 0.1; echo two; printf 'no newline'"));
                    step.log("après");
                });
                jobs.runStep(second, directory, environment(), step -> step.log("second"));
            });
            heard.awaitEnd(root);
        }

        assertThat(heard.states()).containsExactly(
                root.id() + " RUNNING", first.id() + " RUNNING", first.id() + " SUCCESS",
                second.id() + " RUNNING", second.id() + " SUCCESS", root.id() + " SUCCESS");
        assertThat(heard.logs(first, second)).containsExactly(
                Map.entry(first.id(), "from the engine\none\ntwo\nno newlineaprès\n"),
                Map.entry(second.id(), "second\n"));
        int lastGrowth = heard.indexOf(e -> e instanceof JobEvent.LogWritten && e.job().equals(first.id()), true);
        int end = heard.indexOf(e -> e instanceof JobEvent.StateChanged change && change.job().equals(first.id())
                && change.state() == JobState.SUCCESS, false);
        assertThat(lastGrowth).as("the step's whole output is told before its end").isBetween(0, end);
    }

    @Test
    void aCommandsOutputIsHeardWhileTheCommandStillRuns() throws Exception {
        Path release = directory.resolve("release");
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Step");
        Heard heard = new Heard();
        try (JobSubscription subscription = jobs.subscribe(root.id(), heard)) {
            jobs.submit(root, job -> jobs.runStep(step, directory, environment(), context -> context.run(List.of(
                    "bash", "-c", "echo started; while [ ! -e " + release + " ]; do sleep 0.02; done; echo finished"))));

            await("the command's first line to be told").atMost(DEADLINE)
                    .until(() -> heard.logs(step).getOrDefault(step.id(), "").equals("started\n"));
            assertThat(jobs.get(step.id()).state()).isEqualTo(JobState.RUNNING);

            Files.createFile(release);
            heard.awaitEnd(root);
        }
        assertThat(heard.logs(step)).containsEntry(step.id(), "started\nfinished\n");
    }

    @Test
    void aRootIsToldFinishedAfterEveryJobOfItsTree() {
        Job root = jobs.createRoot("Root", Map.of());
        Job group = jobs.addChild(root, "Group");
        Job failing = jobs.addChild(group, "Failing");
        Job skippedInGroup = jobs.addChild(group, "Skipped in group");
        Job skipped = jobs.addChild(root, "Skipped");
        Heard heard = new Heard();
        try (JobSubscription subscription = jobs.subscribe(root.id(), heard)) {
            jobs.submit(root, job -> {
                jobs.runGroup(group, () -> {
                    jobs.runStep(failing, step -> {
                        throw new PaasmakerException(ErrorCode.PREPARE_FAILED, "it broke");
                    });
                    jobs.runStep(skippedInGroup, step -> { });
                });
                jobs.runStep(skipped, step -> { });
            });
            heard.awaitEnd(root);
        }

        List<String> states = heard.states();
        assertThat(states).endsWith(root.id() + " FAILED");
        assertThat(states).containsSubsequence(skippedInGroup.id() + " ABORTED", group.id() + " FAILED");
        assertThat(states).contains(skipped.id() + " ABORTED");
    }

    @Test
    void tagsAreHeardAsTheyAreMade() {
        Job root = jobs.createRoot("Root", Map.of());
        Heard heard = new Heard();
        try (JobSubscription subscription = jobs.subscribe(root.id(), heard)) {
            jobs.submit(root, job -> job.tag("version_id", "7"));
            heard.awaitEnd(root);
        }

        assertThat(heard.events).contains(new JobEvent.Tagged(root.id(), "version_id", "7"));
    }

    @Test
    void aSubscriptionToAStepHearsThatStepAndItsChildrenOnly() {
        Job root = jobs.createRoot("Root", Map.of());
        Job group = jobs.addChild(root, "Group");
        Job inGroup = jobs.addChild(group, "In group");
        Job after = jobs.addChild(root, "After");
        Heard heard = new Heard();
        try (JobSubscription subscription = jobs.subscribe(group.id(), heard)) {
            jobs.submit(root, job -> {
                jobs.runGroup(group, () -> jobs.runStep(inGroup, step -> step.log("inside")));
                jobs.runStep(after, step -> step.log("outside"));
            });
            jobs.await(root.id(), DEADLINE);
            await().atMost(DEADLINE).until(() -> heard.states().contains(group.id() + " SUCCESS"));
        }

        assertThat(heard.events).extracting(JobEvent::job).containsOnly(group.id(), inGroup.id());
    }

    @Test
    void aListenerThatThrowsHurtsNeitherTheJobNorOtherListeners() {
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Step");
        Heard heard = new Heard();
        try (JobSubscription failing = jobs.subscribe(root.id(), event -> {
                throw new IllegalStateException("listener bug");
            });
             JobSubscription working = jobs.subscribe(root.id(), heard)) {
            jobs.submit(root, job -> jobs.runStep(step, context -> context.log("hello")));
            heard.awaitEnd(root);
        }

        assertThat(jobs.get(root.id()).state()).isEqualTo(JobState.SUCCESS);
        assertThat(heard.states()).hasSize(4);
        assertThat(heard.logs(step)).containsEntry(step.id(), "hello\n");
        assertThat(warnings).singleElement().asString().contains("listener bug").contains(root.id().value());
    }

    @Test
    void aListenerThatHangsDoesNotHoldUpTheJobAndLaterHearsItAllInFewEvents() throws Exception {
        int lines = 2000;
        Job root = jobs.createRoot("Root", Map.of());
        Job step = jobs.addChild(root, "Step");
        CountDownLatch unblock = new CountDownLatch(1);
        Heard heard = new Heard();
        JobListener hanging = event -> {
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heard.on(event);
        };
        try (JobSubscription subscription = jobs.subscribe(root.id(), hanging)) {
            jobs.submit(root, job -> jobs.runStep(step, directory, environment(), context -> {
                for (int i = 0; i < lines; i++) {
                    context.log("line " + i);
                }
                context.run(List.of("bash", "-c", "for i in $(seq 1 " + lines + "); do echo out $i; done"));
            }));

            assertThat(jobs.await(root.id(), DEADLINE).state()).as("finished while the listener hangs")
                    .isEqualTo(JobState.SUCCESS);
            assertThat(heard.events).isEmpty();
            unblock.countDown();
            heard.awaitEnd(root);
        }

        assertThat(heard.logs(step).get(step.id())).startsWith("line 0\n").endsWith("out " + lines + "\n")
                .hasLineCount(2 * lines);
        assertThat(heard.events).as("the log's growth while the listener hung is told at once").hasSizeLessThan(10);
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        Job root = jobs.createRoot("Root", Map.of());
        Heard closed = new Heard();
        Heard open = new Heard();
        jobs.subscribe(root.id(), closed).close();
        try (JobSubscription subscription = jobs.subscribe(root.id(), open)) {
            jobs.submit(root, job -> jobs.appendLog(job, "hello"));
            open.awaitEnd(root);
        }

        assertThat(closed.events).isEmpty();
    }

    @Test
    void aLogIsReadFromAnOffsetInWholeLinesOrToItsEnd() throws Exception {
        Job root = jobs.createRoot("Root", Map.of());
        Files.writeString(root.logFile(), "first\nzweite Zeile – ü\nunfinished", StandardCharsets.UTF_8);
        long firstLine = "first\n".length();
        long wholeLines = "first\nzweite Zeile – ü\n".getBytes(StandardCharsets.UTF_8).length;
        long length = Files.size(root.logFile());

        assertThat(jobs.log(root.id(), 0)).isEqualTo(new LogText("first\nzweite Zeile – ü\nunfinished", length));
        assertThat(jobs.log(root.id(), firstLine)).isEqualTo(new LogText("zweite Zeile – ü\nunfinished", length));
        assertThat(jobs.logLines(root.id(), firstLine)).isEqualTo(new LogText("zweite Zeile – ü\n", wholeLines));
        assertThat(jobs.logLines(root.id(), wholeLines)).as("a line still being written")
                .isEqualTo(new LogText("", wholeLines));
        assertThat(jobs.log(root.id(), length)).isEqualTo(new LogText("", length));
        assertThat(jobs.log(root.id(), length + 10)).as("past the end").isEqualTo(new LogText("", length + 10));
        assertThatThrownBy(() -> jobs.log(root.id(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLogLargerThanOneReadIsReadOnFromWhereTheLastReadStopped() throws Exception {
        Job root = jobs.createRoot("Root", Map.of());
        String line = "ü".repeat(99) + "\n";
        String whole = line.repeat(2 * JobLogReader.MAX_READ_BYTES / line.length() + 7);
        Files.writeString(root.logFile(), whole, StandardCharsets.UTF_8);

        StringBuilder read = new StringBuilder();
        int reads = 0;
        for (long at = 0; ; reads++) {
            LogText part = jobs.logLines(root.id(), at);
            if (part.text().isEmpty()) {
                break;
            }
            assertThat(part.text()).endsWith("\n");
            read.append(part.text());
            at = part.next();
        }

        assertThat(read.toString()).isEqualTo(whole);
        assertThat(reads).isGreaterThan(2);
    }

    private static Map<String, String> environment() {
        return Map.of("PATH", System.getenv("PATH"));
    }

    /** A listener that keeps what it heard. */
    private static final class Heard implements JobListener {

        final List<JobEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void on(JobEvent event) {
            events.add(event);
        }

        void awaitEnd(Job root) {
            await("the end of job " + root.id() + " to be told").atMost(DEADLINE).until(() -> events.stream()
                    .anyMatch(e -> e instanceof JobEvent.StateChanged change && change.job().equals(root.id())
                            && change.state().finished()));
        }

        List<String> states() {
            return events.stream().filter(JobEvent.StateChanged.class::isInstance).map(JobEvent.StateChanged.class::cast)
                    .map(change -> change.job() + " " + change.state()).toList();
        }

        /** Each job's log as the growth it was told of reads it: from each length told to the next. */
        Map<JobId, String> logs(Job... tree) {
            Map<JobId, Long> told = new LinkedHashMap<>();
            Map<JobId, String> logs = new LinkedHashMap<>();
            for (JobEvent event : events) {
                if (event instanceof JobEvent.LogWritten grown) {
                    long from = told.getOrDefault(grown.job(), 0L);
                    assertThat(grown.length()).as("a log only grows").isGreaterThan(from);
                    Job job = Arrays.stream(tree).filter(j -> j.id().equals(grown.job())).findFirst().orElseThrow();
                    logs.merge(grown.job(), read(job.logFile(), from, grown.length()), String::concat);
                    told.put(grown.job(), grown.length());
                }
            }
            return logs;
        }

        private static String read(Path file, long from, long to) {
            try {
                byte[] bytes = Arrays.copyOfRange(Files.readAllBytes(file), (int) from, (int) to);
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Where the first (or last) event that matches is. */
        int indexOf(Predicate<JobEvent> which, boolean last) {
            int found = -1;
            for (int i = 0; i < events.size(); i++) {
                if (which.test(events.get(i))) {
                    found = i;
                    if (!last) {
                        break;
                    }
                }
            }
            return found;
        }
    }
}
