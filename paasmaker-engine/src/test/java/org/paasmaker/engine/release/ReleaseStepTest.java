package org.paasmaker.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * The release step on a real engine with real processes: a migration that writes a line to a file
 * each time it begins and ends, and waits until the test opens its version's gate (a file), so the
 * test can hold one release while another version asks to start.
 */
class ReleaseStepTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String secret = "release-secret-" + UUID.randomUUID();
    private Path app;
    private Path runs;
    private Path gates;

    @BeforeEach
    void writeTheApplication() throws IOException {
        runs = fixture.temp().resolve("runs.jsonl");
        gates = Files.createDirectories(fixture.temp().resolve("gates"));
        app = writeApp(3, """
                  release:
                    commands:
                      - plugin: paasmaker.prepare.shell
                        parameters:
                          commands: ["python3 migrate.py %s %s"]
                """.formatted(runs, gates));
    }

    @Test
    void theReleaseRunsOnceForAVersionOfThreeInstancesWithTheirEnvironmentInACopyOfItsCode() throws Exception {
        VersionId version = prepare();
        open(1);

        JobView started = fixture.succeed(fixture.engine().versions().start(version));

        assertThat(started.children()).extracting(JobView::title).as("the release first").containsExactly(
                "Release version 1 of counter", "Start web instance 1", "Start web instance 2", "Start web instance 3");
        assertThat(started.children().get(0).children()).extracting(JobView::title)
                .containsExactly("Release command 1 (paasmaker.prepare.shell)");
        assertThat(running(version)).hasSize(3);
        List<JsonNode> lines = runs();
        assertThat(lines).extracting(line -> line.get("event").asText()).as("exactly one release")
                .containsExactly("begin", "end");
        JsonNode run = lines.get(0);
        assertThat(run.get("version").asInt()).isEqualTo(1);
        assertThat(run.get("services")).extracting(JsonNode::asText).as("PM_SERVICES, as instances get it")
                .containsExactly("db");
        assertThat(run.get("password").asText()).isEqualTo(secret);
        assertThat(run.get("port").isNull()).as("no PM_PORT: the release listens on nothing").isTrue();
        assertThat(run.get("has_code").asBoolean()).as("it runs in a copy of the version's code").isTrue();
        Path copy = Path.of(run.get("cwd").asText());
        assertThat(copy).as("the copy is deleted afterwards").doesNotExist();
        assertThat(copy.startsWith(fixture.engine().home().resolve("instances"))).as("not an instance's directory")
                .isFalse();
        assertThat(fixture.engine().versions().get(version).releasedAt()).isPresent();
        assertThat(fixture.logs(started)).contains("+ python3 migrate.py").doesNotContain(secret);
    }

    @Test
    void laterStartsOfAReleasedVersionDoNotRunItAgain() throws Exception {
        VersionId version = prepare();
        open(1);
        fixture.succeed(fixture.engine().versions().start(version));
        ApplicationVersion released = fixture.engine().versions().get(version);

        JobView again = fixture.succeed(fixture.engine().versions().start(version));
        fixture.succeed(fixture.engine().versions().stop(version));
        JobView restarted = fixture.succeed(fixture.engine().versions().start(version));
        Instance killed = running(version).get(0);
        long pid = new ProcessRecords(fixture.engine().home().resolve("processes"), warning -> { })
                .find(killed.id().value()).orElseThrow().identity().pid();
        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
        await("the health checks replace the killed instance").atMost(Duration.ofSeconds(60))
                .until(() -> running(version).size() == 3 && fixture.engine().versions().instances(version).stream()
                                .anyMatch(i -> i.id().equals(killed.id()) && i.state() == InstanceState.ERROR));

        assertThat(runs()).extracting(line -> line.get("event").asText()).as("still the one release")
                .containsExactly("begin", "end");
        assertThat(again.children()).extracting(JobView::title).noneMatch(title -> title.startsWith("Release"));
        assertThat(restarted.children()).extracting(JobView::title).noneMatch(title -> title.startsWith("Release"));
        assertThat(fixture.engine().versions().get(version).releasedAt()).isEqualTo(released.releasedAt());
    }

    @Test
    void twoVersionsStartedAtOnceReleaseOneAfterTheOther() throws Exception {
        VersionId first = prepare();
        VersionId second = prepare();
        open(2);

        JobId firstStart = fixture.engine().versions().start(first);
        JobId secondStart = fixture.engine().versions().start(second);

        await("the first release begins").atMost(Duration.ofSeconds(60)).until(() -> events().contains("begin 1"));
        await("while the first release holds the application, the second start waits")
                .during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> fixture.engine().jobs().get(secondStart).state() == JobState.WAITING
                        && events().equals(List.of("begin 1")));
        open(1);
        fixture.succeed(firstStart);
        fixture.succeed(secondStart);

        assertThat(events()).as("never at once").containsExactly("begin 1", "end 1", "begin 2", "end 2");
        assertThat(running(first)).hasSize(3);
        assertThat(running(second)).hasSize(3);
    }

    @Test
    void aFailingReleaseLeavesTheVersionUnstartedAndTheOldOneCurrentAndServing() throws Exception {
        VersionId old = prepare();
        open(1);
        fixture.succeed(fixture.engine().versions().start(old));
        fixture.succeed(fixture.engine().versions().makeCurrent(old));
        VersionId broken = prepare();
        open(2);
        Files.createFile(gates.resolve("fail-2"));

        JobView started = fixture.engine().jobs().await(fixture.engine().versions().start(broken),
                EngineFixture.JOB_TIMEOUT);

        assertThat(started.state()).isEqualTo(JobState.FAILED);
        assertThat(started.summary()).as("why, with the failing command")
                .startsWith("Release command 1 (paasmaker.prepare.shell): ")
                .contains("('python3 migrate.py " + runs + " " + gates + "') failed with exit code 3");
        assertThat(fixture.logs(started)).as("its output").contains("cannot migrate: the table is locked")
                .doesNotContain(secret);
        assertThat(started.children()).extracting(JobView::title).containsExactly("Release version 2 of counter");
        assertThat(fixture.engine().versions().instances(broken)).as("no instance started").isEmpty();
        ApplicationVersion failed = fixture.engine().versions().get(broken);
        assertThat(failed.state()).isEqualTo(VersionState.PREPARED);
        assertThat(failed.releasedAt()).isEmpty();
        JobView madeCurrent = fixture.engine().jobs().await(fixture.engine().versions().makeCurrent(broken),
                EngineFixture.JOB_TIMEOUT);
        assertThat(madeCurrent.state()).as("make-current starts it, and its release fails again").isEqualTo(JobState.FAILED);
        assertThat(madeCurrent.summary()).startsWith("Release command 1 (paasmaker.prepare.shell): ");
        assertThat(fixture.engine().versions().get(broken).current()).isFalse();
        assertThat(fixture.engine().versions().get(old).current()).isTrue();
        for (Instance instance : running(old)) {
            assertThat(get(instance).statusCode()).as("the old version serves").isEqualTo(200);
        }

        Files.delete(gates.resolve("fail-2"));
        fixture.succeed(fixture.engine().versions().start(broken));
        assertThat(events()).as("a failed release runs again at the next start")
                .containsExactly("begin 1", "end 1", "begin 2", "begin 2", "begin 2", "end 2");
    }

    @Test
    void aManifestWithoutAReleaseStartsAsBefore() throws Exception {
        app = writeApp(2, "");
        VersionId version = prepare();

        JobView started = fixture.succeed(fixture.engine().versions().start(version));

        assertThat(started.children()).extracting(JobView::title)
                .containsExactly("Start web instance 1", "Start web instance 2");
        assertThat(fixture.engine().versions().get(version).releasedAt()).isEmpty();
        assertThat(runs).doesNotExist();
    }

    @Test
    void aBadReleaseIsRefusedAtUploadWithItsPath() throws Exception {
        app = writeApp(1, """
                  release:
                    commands:
                      - plugin: paasmaker.prepare.migrate
                      - plugin: paasmaker.prepare.shell
                        parameters: {commands: "python3 migrate.py"}
                """);

        JobView prepared = fixture.prepare(SourceSpec.directory(app));

        assertThat(prepared.state()).isEqualTo(JobState.FAILED);
        assertThat(prepared.summary() + fixture.logs(prepared))
                .contains("application.release.commands[0].plugin")
                .contains("paasmaker.prepare.migrate")
                .contains("application.release.commands[1].parameters.commands");
        assertThat(fixture.engine().applications().list(fixture.workspace().id())).as("nothing made").isEmpty();
    }

    /** The application, with {@code release} (indented under {@code application}) as given. */
    private Path writeApp(int quantity, String release) throws IOException {
        Path directory = fixture.temp().resolve("app-" + UUID.randomUUID());
        return EngineFixture.writeApp(directory, Map.of("manifest.yml", """
                manifest: {format: 1}
                application:
                  name: counter
                %sinstances:
                  - name: web
                    quantity: %d
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 -m http.server %%(port)d --bind 127.0.0.1"
                services:
                  - name: db
                    plugin: paasmaker.service.parameters
                    parameters: {password: %s}
                """.formatted(release, quantity, secret), "migrate.py", """
                import json, os, pathlib, sys, time

                runs, gates = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
                services = json.loads(os.environ["PM_SERVICES"])
                version = json.loads(os.environ["PM_METADATA"])["application"]["version"]

                def record(event):
                    with runs.open("a") as out:
                        out.write(json.dumps({"event": event, "version": version, "services": sorted(services),
                                              "password": services["db"]["password"], "port": os.environ.get("PM_PORT"),
                                              "cwd": os.getcwd(), "has_code": os.path.exists("migrate.py")}) + "\\n")

                record("begin")
                while not (gates / ("open-%d" % version)).exists():
                    time.sleep(0.02)
                if (gates / ("fail-%d" % version)).exists():
                    print("cannot migrate: the table is locked")
                    sys.exit(3)
                record("end")
                """));
    }

    private VersionId prepare() {
        JobView prepared = fixture.prepare(SourceSpec.directory(app));
        assertThat(prepared.state()).as(fixture.logs(prepared)).isEqualTo(JobState.SUCCESS);
        return new VersionId(Long.parseLong(prepared.tags().get("version_id")));
    }

    private void open(int version) throws IOException {
        Files.createFile(gates.resolve("open-" + version));
    }

    private List<Instance> running(VersionId version) {
        return fixture.engine().versions().instances(version).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).toList();
    }

    private List<JsonNode> runs() throws IOException {
        if (!Files.exists(runs)) {
            return List.of();
        }
        return Files.readAllLines(runs).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** "begin 1", "end 1", ...: what the releases did, in order. */
    private List<String> events() throws IOException {
        return runs().stream().map(line -> line.get("event").asText() + " " + line.get("version").asInt()).toList();
    }

    private HttpResponse<String> get(Instance instance) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port().getAsInt() + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
