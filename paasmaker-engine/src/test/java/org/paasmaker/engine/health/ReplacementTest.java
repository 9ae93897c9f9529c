package org.paasmaker.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionHealth;
import org.paasmaker.api.version.VersionHealth.Condition;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.process.ProcessRecords;

/** An instance killed with SIGKILL is replaced by a new instance with a fresh copy of the code. */
class ReplacementTest {

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    @Test
    void aKilledInstanceIsReplacedAndItsLogStays() throws Exception {
        Path sample = Path.of("..", "samples", "hello-python").toAbsolutePath().normalize();
        JobView prepared = fixture.prepare(SourceSpec.directory(sample));
        VersionId version = new VersionId(Long.parseLong(prepared.tags().get("version_id")));
        Actor alice = new Actor("alice", Optional.of(new UserId(4)));
        JobView started = fixture.engine().jobs().await(
                fixture.engine().as(alice, () -> fixture.engine().versions().start(version)), EngineFixture.JOB_TIMEOUT);
        assertThat(started.state()).as(fixture.logs(started)).isEqualTo(JobState.SUCCESS);
        assertThat(started.startedBy()).contains("alice");
        assertThat(started.children()).allSatisfy(step -> assertThat(step.startedBy()).contains("alice"));
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
        assertThat(failed.reason()).isEqualTo("its process was killed by signal 9; a new instance replaces it");
        assertThat(fixture.engine().versions().instanceLog(failed.id(), 50)).as("a crash leaves its last words")
                .contains("GET / HTTP/1.1");
        assertThat(get(replacement).statusCode()).isEqualTo(200);
        List<Instance> active = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).toList();
        assertThat(active).as("the quantity is kept, not exceeded").hasSize(1);
        JobView replacing = fixture.engine().jobs().get(await().atMost(Duration.ofSeconds(30))
                .until(() -> otherStartJob(started.id()), Optional::isPresent).orElseThrow());
        assertThat(replacing.startedBy()).as("the health checks started it, not alice").contains(Actor.PLATFORM);
    }

    /** The id of a recorded "Start version" tree other than {@code started}: the replacement's, as the health checks began it. */
    private Optional<JobId> otherStartJob(JobId started) throws IOException {
        try (Stream<Path> records = Files.list(fixture.engine().home().resolve("jobs"))) {
            for (Path record : records.filter(file -> file.toString().endsWith(".tree.json")).toList()) {
                JobId id = new JobId(record.getFileName().toString().replace(".tree.json", ""));
                if (!id.equals(started) && fixture.engine().jobs().get(id).title().startsWith("Start version")) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void anInstanceThatExitsWithStatusZeroIsRestartedInPlaceAndOneThatFailsIsReplaced() throws Exception {
        VersionId version = startExitingApp();
        Instance original = fixture.engine().versions().instances(version).get(0);
        int port = original.port().getAsInt();

        get(original, "/exit?status=0");

        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.engine().versions().instanceLog(original.id(), 50)
                .lines().filter(line -> line.startsWith("listening")).count() == 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> single(version).state() == InstanceState.RUNNING);
        Instance restarted = single(version);
        assertThat(restarted.id()).as("the same instance, in place").isEqualTo(original.id());
        assertThat(restarted.port()).hasValue(port);
        assertThat(restarted.reason()).isEqualTo("its process exited with status 0; restarted in place");
        assertThat(original.restarts()).isZero();
        assertThat(restarted.restarts()).as("restarts counted").isEqualTo(1);
        assertThat(get(restarted, "/").body()).isEqualTo("up");
        assertThat(fixture.engine().versions().instanceLog(original.id(), 50))
                .as("startup commands ran once: no fresh copy, no second startup")
                .contains("startups so far: 1").doesNotContain("startups so far: 2");

        get(restarted, "/exit?status=3");

        await().atMost(Duration.ofSeconds(60)).until(() -> replacement(version, original).isPresent());
        Instance failed = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.id().equals(original.id())).findFirst().orElseThrow();
        assertThat(failed.state()).isEqualTo(InstanceState.ERROR);
        assertThat(failed.reason()).isEqualTo("its process exited with status 3; a new instance replaces it");
    }

    @Test
    void aCrashLoopBacksOffAndTheVersionSaysSo() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("crashloop"), java.util.Map.of("manifest.yml", """
                manifest: {format: 1}
                application: {name: crashloop}
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 app.py %(port)d"
                """, "app.py", """
                import os, socket, sys, time
                listener = socket.create_server(("", int(sys.argv[1])))
                time.sleep(0.5)
                print("giving up: the database is unreachable", flush=True)
                os._exit(1)
                """));
        VersionId version = new VersionId(Long.parseLong(fixture.prepare(SourceSpec.directory(app)).tags()
                .get("version_id")));
        assertThat(fixture.engine().versions().health(version).condition()).isEqualTo(Condition.NOT_RUNNING);
        fixture.succeed(fixture.engine().versions().start(version));

        VersionHealth health = await().atMost(Duration.ofSeconds(60))
                .until(() -> fixture.engine().versions().health(version),
                        seen -> seen.condition() == Condition.BACKING_OFF);

        assertThat(health.detail()).startsWith("crash loop: its instances failed ").contains(" times in a row");
        assertThat(health.nextAttempt()).isPresent();
        assertThat(fixture.engine().versions().instances(version))
                .filteredOn(instance -> instance.state() == InstanceState.ERROR)
                .allMatch(instance -> instance.reason().equals("its process exited with status 1; a new instance"
                        + " replaces it") || instance.reason().contains("exited before it listened"))
                .isNotEmpty();
        fixture.succeed(fixture.engine().versions().stop(version));
        assertThat(fixture.engine().versions().health(version).condition()).isEqualTo(Condition.NOT_RUNNING);
    }

    /** A shell-runtime app that answers "up", and exits with the status it is asked for on /exit. */
    private VersionId startExitingApp() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("exiting"), java.util.Map.of("manifest.yml", """
                manifest: {format: 1}
                application: {name: exiting}
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 app.py %(port)d"
                    startup:
                      - plugin: paasmaker.startup.shell
                        parameters:
                          commands:
                            - echo ran >> ../startups
                """, "app.py", """
                import os, sys, threading
                from http.server import BaseHTTPRequestHandler, HTTPServer
                from urllib.parse import urlparse, parse_qs

                class Handler(BaseHTTPRequestHandler):
                    def do_GET(self):
                        self.send_response(200)
                        self.send_header("Content-Length", "2")
                        self.end_headers()
                        self.wfile.write(b"up")
                        self.wfile.flush()
                        url = urlparse(self.path)
                        if url.path == "/exit":
                            os._exit(int(parse_qs(url.query)["status"][0]))

                server = HTTPServer(("", int(sys.argv[1])), Handler)
                with open("../startups") as startups:
                    print("startups so far:", startups.read().count("ran"), flush=True)
                print("listening", flush=True)
                server.serve_forever()
                """));
        VersionId version = new VersionId(Long.parseLong(fixture.prepare(SourceSpec.directory(app)).tags()
                .get("version_id")));
        fixture.succeed(fixture.engine().versions().start(version));
        return version;
    }

    private Instance single(VersionId version) {
        List<Instance> instances = fixture.engine().versions().instances(version);
        assertThat(instances).hasSize(1);
        return instances.get(0);
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
        return get(instance, "/");
    }

    private static HttpResponse<String> get(Instance instance, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + instance.port().getAsInt() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Optional<Instance> replacement(VersionId version, Instance original) {
        return fixture.engine().versions().instances(version).stream()
                .filter(i -> !i.id().equals(original.id()) && i.state() == InstanceState.RUNNING)
                .findFirst();
    }
}
