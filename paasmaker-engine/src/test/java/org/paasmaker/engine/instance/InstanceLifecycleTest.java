package org.paasmaker.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.EngineFixture;

/** Real samples in each runtime, started as real processes, reached over HTTP, stopped and removed. */
class InstanceLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    @Test
    void thePythonSampleRunsSeesItsEnvironmentAndIsStoppedAndRemovedWithoutTrace() throws Exception {
        ApplicationVersion version = prepared("hello-python");

        JobView started = run(fixture.engine().versions().start(version.id()));

        assertThat(started.state()).as(fixture.logs(started)).isEqualTo(JobState.SUCCESS);
        assertThat(fixture.engine().versions().get(version.id()).state()).isEqualTo(VersionState.RUNNING);
        Instance web = single(version);
        assertThat(web.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(web.port()).isPresent();
        int port = web.port().getAsInt();
        JsonNode body = JSON.readTree(EngineFixture.get(port, "/"));
        assertThat(body.get("metadata").get("application").get("name").asText()).isEqualTo("hello-python");
        assertThat(body.get("metadata").get("application").get("version").asInt()).isEqualTo(version.number());
        assertThat(body.get("metadata").get("workspace").get("RAILS_ENV").asText()).isEqualTo("test");
        assertThat(body.get("services").get("settings").get("colour").asText()).isEqualTo("blue");
        assertThat(body.get("services").get("settings").get("provider").asText()).isEqualTo("paasmaker.service.parameters");

        JobView stopped = run(fixture.engine().versions().stop(version.id()));

        assertThat(stopped.state()).as(fixture.logs(stopped)).isEqualTo(JobState.SUCCESS);
        assertThat(single(version).state()).isEqualTo(InstanceState.STOPPED);
        assertThat(fixture.engine().versions().get(version.id()).state()).isEqualTo(VersionState.READY);
        assertThat(Readiness.accepts(port)).isFalse();

        JobView deregistered = run(fixture.engine().versions().deregister(version.id()));

        assertThat(deregistered.state()).as(fixture.logs(deregistered)).isEqualTo(JobState.SUCCESS);
        assertThat(single(version).state()).isEqualTo(InstanceState.DEREGISTERED);
        assertThat(fixture.engine().versions().get(version.id()).state()).isEqualTo(VersionState.PREPARED);
        try (Stream<Path> left = Files.list(fixture.engine().home().resolve("instances"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theJavaNodeAndStaticSamplesAnswerOnTheirPorts() throws Exception {
        for (String sample : List.of("hello-java", "hello-node", "hello-static")) {
            ApplicationVersion version = prepared(sample);
            JobView started = run(fixture.engine().versions().start(version.id()));
            assertThat(started.state()).as(sample + "\n" + fixture.logs(started)).isEqualTo(JobState.SUCCESS);
            String body = EngineFixture.get(single(version).port().getAsInt(), "/");
            switch (sample) {
                case "hello-java" -> assertThat(body).contains("Hello from hello-java").contains("\"name\":\"hello-java\"")
                        .contains("\"uploads\":{\"directory\":");
                case "hello-node" -> assertThat(body).contains("\"node\": \"v" + nodeMajor() + ".")
                        .contains("\"colour\": \"green\"");
                default -> assertThat(body).contains("Hello from a static site on Paasmaker");
            }
        }
    }

    @Test
    void aStandaloneWorkerRunsWithoutAPort() throws Exception {
        ApplicationVersion version = prepared("standalone-worker");

        JobView started = run(fixture.engine().versions().start(version.id()));

        assertThat(started.state()).as(fixture.logs(started)).isEqualTo(JobState.SUCCESS);
        Instance worker = single(version);
        assertThat(worker.port()).isEmpty();
        Path spool = Path.of(fixture.engine().applications().services(version.applicationId()).get(0)
                .credentials().string("directory"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(spool.resolve("heartbeat.json")));
        JsonNode heartbeat = JSON.readTree(spool.resolve("heartbeat.json").toFile());
        assertThat(heartbeat.get("port").isNull()).as("a standalone instance has no PM_PORT").isTrue();
    }

    @Test
    void anInstanceThatExitsAtOnceFailsItsStartWithItsLastWords() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("crash"), java.util.Map.of("manifest.yml", """
                manifest: {format: 1}
                application: {name: crash}
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "sh -c 'echo missing configuration >&2; exit 3'"
                """));
        JobView prepared = fixture.prepare(SourceSpec.directory(app));
        VersionId id = new VersionId(Long.parseLong(prepared.tags().get("version_id")));

        JobView started = run(fixture.engine().versions().start(id));

        assertThat(started.state()).isEqualTo(JobState.FAILED);
        assertThat(started.summary()).contains("exited before it listened on port");
        assertThat(fixture.logs(started)).contains("missing configuration");
        assertThat(fixture.engine().versions().instances(id).get(0).state()).isEqualTo(InstanceState.ERROR);
    }

    private ApplicationVersion prepared(String sample) throws Exception {
        Path directory = Path.of("..", "samples", sample).toAbsolutePath().normalize();
        if (sample.equals("hello-node")) {
            // The sample asks for Node 20, which this kind of machine has; a machine whose node is
            // Debian's gets the sample asking for the major version it has, so the runtime's choice is real.
            Path copy = Files.createDirectories(fixture.temp().resolve("hello-node"));
            org.paasmaker.engine.internal.Directories.copyTree(directory, copy);
            Path manifest = copy.resolve("manifest.yml");
            Files.writeString(manifest, Files.readString(manifest).replace("version: 20", "version: " + nodeMajor()));
            directory = copy;
        }
        JobView job = fixture.prepare(SourceSpec.directory(directory));
        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        return fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
    }

    /** The major version of the node on the PATH. */
    private static String nodeMajor() throws Exception {
        Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String version = new String(node.getInputStream().readAllBytes()).strip();
        assertThat(node.waitFor()).isZero();
        return version.replaceFirst("^v(\\d+)\\..*$", "$1");
    }

    private JobView run(org.paasmaker.api.job.JobId job) {
        return fixture.engine().jobs().await(job, EngineFixture.JOB_TIMEOUT);
    }

    private Instance single(ApplicationVersion version) {
        List<Instance> instances = fixture.engine().versions().instances(version.id());
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }
}
