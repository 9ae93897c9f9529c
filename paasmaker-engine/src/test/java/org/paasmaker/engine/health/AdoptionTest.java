package org.paasmaker.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.store.InMemoryStore;

/**
 * Instances belong to no engine: a new engine over the same records and data directory adopts the
 * ones still running, replaces the ones that died meanwhile, and stops processes no record knows.
 */
class AdoptionTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path home;

    @TempDir
    Path sources;

    private final InMemoryStore store = new InMemoryStore();
    private Paasmaker engine;

    @AfterEach
    void cleanUp() {
        if (engine != null) {
            engine.close();
        }
        // A fresh engine with no records stops every process left in the data directory.
        try (Paasmaker sweeper = Paasmaker.builder().home(home).store(new InMemoryStore()).build()) {
            assertThat(new ProcessRecords(home.resolve("processes"), w -> { }).adoptable()).isEmpty();
        }
    }

    @Test
    void aRestartedEngineAdoptsRunningInstancesWithoutDuplicatingThem() throws Exception {
        engine = engine();
        VersionId version = startedSample(engine, 2);
        List<Instance> before = running(engine, version);
        assertThat(before).hasSize(2);
        engine.close();

        for (Instance instance : before) {
            assertThat(get(instance)).as("instances keep serving while no engine runs").isEqualTo(200);
        }
        engine = engine();

        List<Instance> after = running(engine, version);
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
        for (Instance instance : after) {
            assertThat(get(instance)).isEqualTo(200);
        }
        // A replacement would show up as a third instance: it must not, over several health checks.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> engine.versions().instances(version).size() == 2 && running(engine, version).size() == 2);
        JobView stop = engine.jobs().await(engine.versions().stop(version), JOB_TIMEOUT);
        assertThat(stop.state()).isEqualTo(JobState.SUCCESS);
        assertThat(engine.versions().instances(version)).hasSize(2);
    }

    @Test
    void anInstanceThatDiedWhileNoEngineRanIsReplaced() throws Exception {
        engine = engine();
        VersionId version = startedSample(engine, 1);
        Instance original = running(engine, version).get(0);
        engine.close();
        long pid = new ProcessRecords(home.resolve("processes"), w -> { }).find(original.id().value())
                .orElseThrow().identity().pid();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get();

        engine = engine();

        assertThat(engine.versions().instances(version).stream().filter(i -> i.id().equals(original.id()))
                .findFirst().orElseThrow().state()).isEqualTo(InstanceState.ERROR);
        await().atMost(Duration.ofSeconds(60)).until(() -> running(engine, version).size() == 1);
        assertThat(get(running(engine, version).get(0))).isEqualTo(200);
        engine.jobs().await(engine.versions().deregister(version), JOB_TIMEOUT);
    }

    @Test
    void processesNoRecordKnowsAreStopped() throws Exception {
        engine = engine();
        VersionId version = startedSample(engine, 1);
        Instance orphan = running(engine, version).get(0);
        engine.close();

        engine = Paasmaker.builder().home(home).store(new InMemoryStore()).build();

        await().atMost(Duration.ofSeconds(30)).until(() -> !new ProcessRecords(home.resolve("processes"), w -> { })
                .find(orphan.id().value()).map(r -> r.identity().isAlive()).orElse(false));
    }

    private Paasmaker engine() {
        return Paasmaker.builder().home(home).store(store).build();
    }

    private VersionId startedSample(Paasmaker engine, int quantity) {
        Path sample = Path.of("..", "samples", "hello-python").toAbsolutePath().normalize();
        Workspace workspace = engine.workspaces().list().stream().findFirst()
                .orElseGet(() -> engine.workspaces().create(NewWorkspace.of("Test", "test", Map.of())));
        Path copy = sample;
        if (quantity != 1) {
            copy = copyWithQuantity(sample, quantity);
        }
        JobView prepared = engine.jobs().await(engine.versions().prepare(
                new PrepareRequest(workspace.id(), SourceSpec.directory(copy))), JOB_TIMEOUT);
        assertThat(prepared.state()).isEqualTo(JobState.SUCCESS);
        VersionId version = new VersionId(Long.parseLong(prepared.tags().get("version_id")));
        assertThat(engine.jobs().await(engine.versions().start(version), JOB_TIMEOUT).state()).isEqualTo(JobState.SUCCESS);
        return version;
    }

    private Path copyWithQuantity(Path sample, int quantity) {
        try {
            Path copy = java.nio.file.Files.createTempDirectory(sources, "sample-");
            org.paasmaker.engine.internal.Directories.copyTree(sample, copy);
            Path manifest = copy.resolve("manifest.yml");
            java.nio.file.Files.writeString(manifest, java.nio.file.Files.readString(manifest)
                    .replace("quantity: 1", "quantity: " + quantity));
            return copy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Instance> running(Paasmaker engine, VersionId version) {
        return engine.versions().instances(version).stream().filter(i -> i.state() == InstanceState.RUNNING).toList();
    }

    private static int get(Instance instance) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + instance.port().getAsInt() + "/")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
