package org.paasmaker.engine.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.pack.ArchiveLimits;
import org.paasmaker.engine.pack.TarGzPacker;

/** A prepare whose steps a {@link PrepareRunner} runs on a thread of its own, as a batch runtime does. */
class PrepareRunnerTest {

    private static final String MANIFEST = """
            manifest:
              format: 1
            application:
              name: hello
              prepare:
                commands:
                  - plugin: paasmaker.prepare.shell
                    parameters:
                      commands:
                        - echo prepared > built.txt
            instances:
              - name: web
                quantity: 1
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters:
                    launch_command: "python3 -m http.server %(port)d"
            services:
              - name: settings
                plugin: paasmaker.service.parameters
                parameters:
                  api_key: secret
            """;

    private final OtherThreadRunner runner = new OtherThreadRunner();

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder.prepareRunner(runner));

    @AfterEach
    void stopRunner() {
        runner.thread.shutdownNow();
    }

    @Test
    void theRunnersThreadRunsEveryStepAndTheJobNamesItsExecution() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        assertThat(runner.ran).containsExactly("fetch@runner", "manifest@runner", "services@runner", "commands@runner",
                "pack@runner");
        assertThat(job.tags()).containsEntry("test_execution_id", "1").containsKey("version_id");
        assertThat(job.children()).allMatch(step -> step.state() == JobState.SUCCESS);
        assertThat(fixture.engine().jobs().log(job.children().get(0).id()))
                .startsWith("Runs as the step 'fetch' of test execution 1.\n");
        assertThat(fixture.engine().jobs().log(job.children().get(4).id()))
                .startsWith("Runs as the step 'pack' of test execution 1.\n");
        ApplicationVersion version = fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
        assertThat(version.state()).isEqualTo(VersionState.PREPARED);
        assertThat(unpack(version).resolve("built.txt")).hasContent("prepared");
        assertWorkingCopiesDeleted();
    }

    @Test
    void aFailingCommandFailsTheRunnersStepAndTheJobAsWhenTheJobRunsIt() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml",
                MANIFEST.replace("- echo prepared > built.txt", "- ls /no/such/directory | cat")));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        JobView command = job.children().get(3).children().get(0);
        assertThat(command.summary()).isEqualTo("the prepare command 1 ('ls /no/such/directory | cat') failed with"
                + " exit code 2; its output is in the job log");
        assertThat(job.summary()).isEqualTo("Prepare command 1 (paasmaker.prepare.shell): " + command.summary());
        assertThat(runner.ran).as("the runner stops at the failing step")
                .containsExactly("fetch@runner", "manifest@runner", "services@runner");
        assertThat(runner.failures).singleElement().satisfies(failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.PREPARE_FAILED);
            assertThat(failure.getMessage()).isEqualTo(command.summary());
        });
        assertThat(job.children().get(4).state()).isEqualTo(JobState.ABORTED);
        assertWorkingCopiesDeleted();
    }

    @Test
    void anAbortEndsTheCommandOnTheRunnersThreadAndTheJobEndsAfterTheRunner() throws Exception {
        Path started = fixture.temp().resolve("started");
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml",
                MANIFEST.replace("- echo prepared > built.txt", "- touch " + started + " && sleep 300")));
        JobId id = fixture.engine().versions().prepare(new PrepareRequest(fixture.workspace().id(), SourceSpec.directory(app)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started));

        fixture.engine().jobs().abort(id);
        JobView job = fixture.engine().jobs().await(id, EngineFixture.JOB_TIMEOUT);

        assertThat(runner.executions.get(0).isDone()).as("the job waited for the runner's execution").isTrue();
        assertThat(job.state()).isEqualTo(JobState.ABORTED);
        assertThat(job.children().get(3).state()).isEqualTo(JobState.ABORTED);
        assertThat(job.children().get(4).state()).isEqualTo(JobState.ABORTED);
        assertThat(runner.failures).singleElement().satisfies(failure -> assertThat(failure.code()).isEqualTo(ErrorCode.ABORTED));
        assertThat(runner.interruptedAfterwards).as("the runner's thread goes back without the abort's interrupt").isEmpty();
        assertWorkingCopiesDeleted();
    }

    @Test
    void aRunnerThatEndsWithoutRunningTheStepsFailsTheJobNamingItsExecution() throws Exception {
        runner.skipEverything = true;
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.summary()).isEqualTo("the test execution 1 ended before the step 'fetch' ran; its own log says why");
        assertThat(job.children()).allMatch(step -> step.state() == JobState.ABORTED);
        assertWorkingCopiesDeleted();
    }

    @Test
    void anAbortGivesUpOnAnExecutionThatDoesNotEndAfterAGrace() throws Exception {
        runner.neverEnds = true;
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));
        JobId id = fixture.engine().versions().prepare(new PrepareRequest(fixture.workspace().id(), SourceSpec.directory(app)));
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.engine().jobs().get(id).tags().containsKey("test_execution_id"));

        fixture.engine().jobs().abort(id);
        JobView job = fixture.engine().jobs().await(id, EngineFixture.JOB_TIMEOUT);

        assertThat(job.state()).isEqualTo(JobState.ABORTED);
        assertThat(job.summary()).isEqualTo("the job was aborted, but the test execution 1 had not ended "
                + OrderedSteps.ABORT_GRACE.toSeconds() + " s later; a step of it may still run");
        assertThat(job.children()).allMatch(step -> step.state() == JobState.ABORTED);
        assertWorkingCopiesDeleted();
    }

    @Test
    void stepsRunOnlyInTheirOrder() throws Exception {
        runner.tryPackFirst = true;
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        assertThat(runner.refusals).containsExactly("the steps of a prepare run once each, in the order [fetch, manifest,"
                + " services, commands, pack]; 'pack' is not next in prepare " + job.id() + ", where 'fetch' is");
    }

    @Test
    void anExecutionIsNamedByALowerCaseKindAndAnId() {
        CompletableFuture<Void> ended = new CompletableFuture<>();

        assertThat(new PrepareRunner.Execution("batch", "7", ended).tag()).isEqualTo("batch_execution_id");
        assertThat(new PrepareRunner.Execution("batch", "7", ended)).hasToString("batch execution 7");
        assertThatThrownBy(() -> new PrepareRunner.Execution("Batch Job", "7", ended))
                .hasMessage("an execution's kind is a lower-case word, such as 'batch': 'Batch Job'");
        assertThatThrownBy(() -> new PrepareRunner.Execution("batch", " ", ended))
                .hasMessage("the batch execution has a blank id");
    }

    private void assertWorkingCopiesDeleted() throws Exception {
        try (Stream<Path> work = Files.list(fixture.engine().home().resolve("work"))) {
            assertThat(work).as("working copies are deleted").isEmpty();
        }
    }

    private Path unpack(ApplicationVersion version) throws Exception {
        Path target = Files.createDirectories(fixture.temp().resolve("unpacked-" + version.id()));
        try (InputStream in = Files.newInputStream(fixture.engine().versions().packageFile(version.id()))) {
            new TarGzPacker().unpack(in, target, ArchiveLimits.packages());
        }
        return target;
    }

    /** Runs each prepare's steps on its own thread, named "runner", and stops at the first that throws. */
    private static final class OtherThreadRunner implements PrepareRunner {
        final ExecutorService thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "runner"));
        final List<String> ran = new CopyOnWriteArrayList<>();
        final List<PaasmakerException> failures = new CopyOnWriteArrayList<>();
        final List<String> refusals = new CopyOnWriteArrayList<>();
        final List<String> interruptedAfterwards = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> executions = new CopyOnWriteArrayList<>();
        final AtomicInteger ids = new AtomicInteger();
        volatile boolean skipEverything;
        volatile boolean neverEnds;
        volatile boolean tryPackFirst;

        @Override
        public Execution start(PrepareSteps prepare) {
            if (neverEnds) {
                return new Execution("test", Integer.toString(ids.incrementAndGet()), new CompletableFuture<>());
            }
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> runAll(prepare), thread);
            executions.add(ended);
            return new Execution("test", Integer.toString(ids.incrementAndGet()), ended);
        }

        private void runAll(PrepareSteps prepare) {
            if (skipEverything) {
                return;
            }
            if (tryPackFirst) {
                try {
                    prepare.run("pack");
                } catch (IllegalStateException e) {
                    refusals.add(e.getMessage());
                }
            }
            for (String name : prepare.names()) {
                try {
                    prepare.run(name);
                    ran.add(name + "@" + Thread.currentThread().getName());
                } catch (PaasmakerException e) {
                    failures.add(e);
                    break;
                } finally {
                    if (Thread.currentThread().isInterrupted()) {
                        interruptedAfterwards.add(name);
                    }
                }
            }
        }
    }
}
