package org.paasmaker.engine.service.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.EngineLog;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * The service plugins' deploy tests on their engine, for any {@link CountingService}: an application that
 * counts its hits in its service and answers each request with JSON about it, prepared, its jobs kept (for
 * the checks that a password shows in none of their logs), asked, and its service found; and the
 * scenarios every managed service goes through.
 */
public final class ServiceDeploys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineFixture fixture;

    public ServiceDeploys(EngineFixture fixture) {
        this.fixture = fixture;
    }

    /** Prepares the application's folder; the new version, its job added to {@code jobs}. */
    public ApplicationVersion prepare(Path app, List<JobId> jobs) {
        JobView job = fixture.prepare(SourceSpec.directory(app));
        jobs.add(job.id());
        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        return fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
    }

    /** Waits for the job, which must succeed; the job. */
    public JobId succeed(JobId job) {
        fixture.succeed(job);
        return job;
    }

    /** The JSON answer of one of the version's instances, which must be a 200. */
    public JsonNode hit(VersionId version) throws IOException, InterruptedException {
        int port = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.port().isPresent()).findFirst().orElseThrow().port().getAsInt();
        return JSON.readTree(EngineFixture.get(port, "/"));
    }

    /** The application's service of that name. */
    public ApplicationService service(ApplicationId application, String name) {
        return fixture.engine().applications().services(application).stream()
                .filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The application counts its hits in its service across versions, a deleted version and a SIGKILL of
     * the managed server, until the application is deleted with its services; the password never shows in
     * a job log, the engine's log or the server's.
     */
    public void keepsItsDataAcrossVersionsAndARestartAndLosesItOnlyWithItsServices(CountingService kind,
            EngineLog engineLog) throws Exception {
        Path app = counterApp(fixture.temp().resolve("counter"), kind, "");
        List<JobId> jobs = new ArrayList<>();

        ApplicationVersion first = prepare(app, jobs);
        ApplicationId application = first.applicationId();
        jobs.add(succeed(fixture.engine().versions().start(first.id())));
        JsonNode answer = hit(first.id());
        assertThat(answer.get("hits").asInt()).isEqualTo(1);
        assertThat(answer.get("keys")).extracting(JsonNode::asText).containsExactlyElementsOf(kind.keys());
        assertThat(answer.get("protocol").asText()).isEqualTo(kind.protocol());
        assertThat(answer.get("provider").asText()).isEqualTo(kind.plugin());
        PluginParameters credentials = service(application, kind.service()).credentials();

        ApplicationVersion second = prepare(app, jobs);
        assertThat(service(application, kind.service()).credentials()).as("a later version reuses the service")
                .isEqualTo(credentials);
        jobs.add(succeed(fixture.engine().versions().start(second.id())));
        assertThat(hit(second.id()).get("hits").asInt()).isEqualTo(2);

        jobs.add(succeed(fixture.engine().versions().stop(first.id())));
        jobs.add(succeed(fixture.engine().versions().delete(first.id())));
        assertThat(hit(second.id()).get("hits").asInt()).as("deleting a version keeps the database").isEqualTo(3);

        Path server = fixture.engine().home().resolve("services").resolve(kind.kind());
        String recordKey = kind.recordKey().apply(credentials);
        ProcessRecords records = new ProcessRecords(server.resolve("process"), m -> { });
        ProcessIdentity killed = records.find(recordKey).orElseThrow().identity();
        RunAs.run(List.of("/bin/kill", "-KILL", Long.toString(killed.pid())));
        await("the health round starts the managed server again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> records.find(recordKey)
                        .map(ProcessRecord::identity).filter(p -> !p.equals(killed) && p.isAlive()).isPresent());
        await("the application reaches its database again").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertThat(hit(second.id()).get("hits").asInt()).as("its data survived")
                        .isEqualTo(4));

        // A server of the service alone goes with it, its log too: read it before, and again after if kept.
        Path serverLogFile = server.resolve(kind.serverLog().apply(credentials));
        String serverLog = Files.readString(serverLogFile);
        jobs.add(succeed(fixture.engine().versions().stop(second.id())));
        jobs.add(succeed(fixture.engine().applications().delete(application, true)));
        if (Files.exists(serverLogFile)) {
            serverLog = Files.readString(serverLogFile);
        }

        kind.gone().accept(credentials);
        String password = credentials.string("password");
        for (JobId job : jobs) {
            assertThat(fixture.logs(fixture.engine().jobs().await(job, EngineFixture.JOB_TIMEOUT)))
                    .as("the log of job " + job).doesNotContain(password);
        }
        assertThat(engineLog.text()).as("the engine's log").doesNotContain(password);
        assertThat(serverLog).as("the server's log").contains(kind.readyLine()).doesNotContain(password);
    }

    /** A service parameter the plugin does not take fails the prepare, naming it, before any server starts. */
    public void refusesParametersThePluginDoesNotTake(CountingService kind) throws Exception {
        Path app = counterApp(fixture.temp().resolve("bad"), kind, "    parameters:\n      size: 10\n");

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.summary() + fixture.logs(job)).contains("services[0].parameters.size").contains(kind.plugin());
        assertThat(fixture.engine().home().resolve("services").resolve(kind.kind())).as("nothing was started")
                .doesNotExist();
    }

    /**
     * On an engine whose managed server's port is taken, the prepare fails with the server's own log line
     * ({@code bindFailure}) and leaves no server folder.
     */
    public void failsThePrepareWhenTheServerCannotStart(CountingService kind, String bindFailure) throws Exception {
        Path app = counterApp(fixture.temp().resolve("blocked"), kind, "");
        Path home = fixture.temp().resolve("blocked-home");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                EngineFixture blocked = new EngineFixture(home, builder -> builder.pluginSettings(
                        kind.plugin(), Map.of("port", Integer.toString(taken.getLocalPort()))))) {

            JobView job = blocked.prepare(SourceSpec.directory(app));

            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(blocked.logs(job)).contains(bindFailure).contains("Address already in use");
            assertThat(home.resolve("services").resolve(kind.kind())).doesNotExist();
        }
    }

    /**
     * A Python application with the kind's service ({@code moreServices}, manifest lines, after it) that
     * counts its hits there through the kind's client and answers with the count and its credentials' keys,
     * protocol and provider.
     */
    public static Path counterApp(Path directory, CountingService kind, String moreServices) throws IOException {
        return EngineFixture.writeApp(directory, Map.of("manifest.yml", """
                manifest: {format: 1}
                application: {name: counter}
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 app.py %(port)d"
                services:
                  - name: @SERVICE@
                    plugin: @PLUGIN@
                """.replace("@SERVICE@", kind.service()).replace("@PLUGIN@", kind.plugin()) + moreServices,
                "app.py", """
                import json, os, subprocess, sys
                from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

                db = json.loads(os.environ["PM_SERVICES"])["@SERVICE@"]

                class Counter(BaseHTTPRequestHandler):
                    def do_GET(self):
                        run = subprocess.run(@COMMAND@,
                                             env=dict(os.environ, @PASSWORD@=db["password"]), capture_output=True, text=True)
                        out = run.stdout.split()
                        if run.returncode == 0 and out and out[-1].isdigit():
                            status, body = 200, {"hits": int(out[-1]), "keys": sorted(db),
                                                 "protocol": db["protocol"], "provider": db["provider"]}
                        else:
                            status, body = 500, {"error": run.stdout + run.stderr}
                        data = json.dumps(body).encode()
                        self.send_response(status)
                        self.send_header("Content-Length", str(len(data)))
                        self.end_headers()
                        self.wfile.write(data)

                ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Counter).serve_forever()
                """.replace("@SERVICE@", kind.service()).replace("@COMMAND@", kind.command())
                        .replace("@PASSWORD@", kind.passwordVariable())));
    }
}
