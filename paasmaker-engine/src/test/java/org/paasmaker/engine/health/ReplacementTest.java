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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.process.ProcessRecords;

/** An instance killed with SIGKILL is replaced by a new instance with a fresh copy of the code. */
class ReplacementTest {

    @TempDir
    Path temp;

    private EngineFixture fixture;

    @BeforeEach
    void start() {
        fixture = new EngineFixture(temp.resolve("home"));
    }

    @AfterEach
    void stop() {
        fixture.stopEverything();
        fixture.close();
    }

    @Test
    void aKilledInstanceIsReplacedAndItsLogStays() throws Exception {
        Path sample = Path.of("..", "samples", "hello-python").toAbsolutePath().normalize();
        JobView prepared = fixture.prepare(SourceSpec.directory(sample));
        VersionId version = new VersionId(Long.parseLong(prepared.tags().get("version_id")));
        JobView started = fixture.engine().jobs().await(fixture.engine().versions().start(version), EngineFixture.JOB_TIMEOUT);
        assertThat(started.state()).as(fixture.logs(started)).isEqualTo(JobState.SUCCESS);
        Instance original = fixture.engine().versions().instances(version).get(0);
        assertThat(get(original).statusCode()).isEqualTo(200);
        long pid = new ProcessRecords(fixture.engine().home().resolve("processes"), warning -> { })
                .find(original.id().value()).orElseThrow().identity().pid();

        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> replacement(version, original).isPresent());
        Instance replacement = replacement(version, original).orElseThrow();
        Instance failed = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.id().equals(original.id())).findFirst().orElseThrow();
        assertThat(failed.state()).isEqualTo(InstanceState.ERROR);
        assertThat(failed.reason()).isEqualTo("its process exited; a new instance replaces it");
        assertThat(fixture.engine().versions().instanceLog(failed.id(), 50)).as("a crash leaves its last words")
                .contains("GET / HTTP/1.1");
        assertThat(get(replacement).statusCode()).isEqualTo(200);
        List<Instance> active = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).toList();
        assertThat(active).as("the quantity is kept, not exceeded").hasSize(1);
    }

    @Test
    void repairsBackOffWhileReplacementsKeepFailing() {
        assertThat(HealthMonitor.backoff(0)).isZero();
        assertThat(HealthMonitor.backoff(1)).isZero();
        assertThat(HealthMonitor.backoff(2)).hasSeconds(1);
        assertThat(HealthMonitor.backoff(3)).hasSeconds(2);
        assertThat(HealthMonitor.backoff(6)).hasSeconds(16);
        assertThat(HealthMonitor.backoff(8)).hasSeconds(60);
        assertThat(HealthMonitor.backoff(100)).hasSeconds(60);
    }

    private static HttpResponse<String> get(Instance instance) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + instance.port().getAsInt() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Optional<Instance> replacement(VersionId version, Instance original) {
        return fixture.engine().versions().instances(version).stream()
                .filter(i -> !i.id().equals(original.id()) && i.state() == InstanceState.RUNNING)
                .findFirst();
    }
}
