package org.paasmaker.engine.service.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.service.server.RunAs;

/**
 * A real application on a real engine with a {@code paasmaker.service.managedredis} service: it reads
 * its server from PM_SERVICES and counts its hits there, across versions, through a SIGKILL of its
 * redis-server, until the application is deleted with its services (and the server with them). Its
 * password never shows in a job log, the engine's log or the server's.
 */
class RedisServiceDeployTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ProcessIdentity> servers = new ArrayList<>();

    /** Stops the managed server the engine started, after the fixture closed the engine (and its health round). */
    @RegisterExtension
    @Order(1)
    final AfterEachCallback stopManagedServers = context -> {
        for (ProcessIdentity server : servers) {
            new ProcessGroupKiller().stop(server, Duration.ofSeconds(5));
        }
    };

    @RegisterExtension
    @Order(2)
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder
            .pluginSettings(RedisServiceProvider.ID, Map.of("ports", "42900-42999")));

    private final List<String> engineLog = new ArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (engineLog) {
                engineLog.add(record.getMessage() + " " + record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void captureTheEnginesLog() {
        Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    void rememberTheManagedServer() {
        Logger.getLogger("").removeHandler(logCapture);
        new ProcessRecords(fixture.engine().home().resolve("services/redis/process"), message -> { })
                .load().stream().map(ProcessRecord::identity).forEach(servers::add);
    }

    @Test
    void anApplicationKeepsItsRedisAcrossVersionsAndARestartOfTheServerAndLosesItOnlyWithItsServices()
            throws Exception {
        Path app = counterApp(fixture.temp().resolve("counter"), "");
        List<JobId> jobs = new ArrayList<>();

        ApplicationVersion first = prepare(app, jobs);
        ApplicationId application = first.applicationId();
        jobs.add(succeed(fixture.engine().versions().start(first.id())));
        JsonNode answer = hit(first.id());
        assertThat(answer.get("hits").asInt()).isEqualTo(1);
        assertThat(answer.get("keys")).extracting(JsonNode::asText).containsExactly("hostname", "name", "password",
                "port", "protocol", "provider");
        assertThat(answer.get("protocol").asText()).isEqualTo("redis");
        assertThat(answer.get("provider").asText()).isEqualTo("paasmaker.service.managedredis");
        PluginParameters credentials = database(application).credentials();

        ApplicationVersion second = prepare(app, jobs);
        assertThat(database(application).credentials()).as("a later version reuses the service").isEqualTo(credentials);
        jobs.add(succeed(fixture.engine().versions().start(second.id())));
        assertThat(hit(second.id()).get("hits").asInt()).isEqualTo(2);

        jobs.add(succeed(fixture.engine().versions().stop(first.id())));
        jobs.add(succeed(fixture.engine().versions().delete(first.id())));
        assertThat(hit(second.id()).get("hits").asInt()).as("deleting a version keeps the database").isEqualTo(3);

        String name = credentials.string("name");
        ProcessRecords records = new ProcessRecords(fixture.engine().home().resolve("services/redis/process"), m -> { });
        ProcessIdentity killed = records.find(name).orElseThrow().identity();
        RunAs.run(List.of("/bin/kill", "-KILL", Long.toString(killed.pid())));
        await("the health round starts the managed server again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> records.find(name)
                        .map(ProcessRecord::identity).filter(p -> !p.equals(killed) && p.isAlive()).isPresent());
        await("the application reaches its database again").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertThat(hit(second.id()).get("hits").asInt()).as("its data survived").isEqualTo(4));

        String serverLog = Files.readString(fixture.engine().home().resolve("services/redis").resolve(name)
                .resolve("redis.log"));
        jobs.add(succeed(fixture.engine().versions().stop(second.id())));
        jobs.add(succeed(fixture.engine().applications().delete(application, true)));

        assertThatThrownBy(() -> RespClient.connect(credentials).close()).as("the server is gone")
                .isInstanceOf(IOException.class);
        assertThat(fixture.engine().home().resolve("services/redis").resolve(name)).doesNotExist();
        String password = credentials.string("password");
        for (JobId job : jobs) {
            assertThat(fixture.logs(fixture.engine().jobs().await(job, EngineFixture.JOB_TIMEOUT)))
                    .as("the log of job " + job).doesNotContain(password);
        }
        synchronized (engineLog) {
            assertThat(String.join("\n", engineLog)).as("the engine's log").doesNotContain(password);
        }
        assertThat(serverLog).as("the server's log").contains("Ready to accept connections").doesNotContain(password);
    }

    @Test
    void serviceParametersThePluginDoesNotTakeAreRefusedAtUploadWithTheirPath() throws Exception {
        Path app = counterApp(fixture.temp().resolve("bad"), "    parameters:\n      size: 10\n");

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.summary() + fixture.logs(job)).contains("services[0].parameters.size")
                .contains("paasmaker.service.managedredis");
        assertThat(fixture.engine().home().resolve("services/redis")).as("nothing was started").doesNotExist();
    }

    private ApplicationService database(ApplicationId application) {
        return fixture.engine().applications().services(application).stream()
                .filter(service -> service.name().equals("cache")).findFirst().orElseThrow();
    }

    private ApplicationVersion prepare(Path app, List<JobId> jobs) {
        JobView job = fixture.prepare(SourceSpec.directory(app));
        jobs.add(job.id());
        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        return fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
    }

    private JobId succeed(JobId job) {
        fixture.succeed(job);
        return job;
    }

    private JsonNode hit(VersionId version) throws Exception {
        int port = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.port().isPresent()).findFirst().orElseThrow().port().getAsInt();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A Python application that counts its hits in its Redis server, through redis-cli. */
    private static Path counterApp(Path directory, String serviceParameters) throws Exception {
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
                  - name: cache
                    plugin: paasmaker.service.managedredis
                """ + serviceParameters, "app.py", """
                import json, os, subprocess, sys
                from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

                redis = json.loads(os.environ["PM_SERVICES"])["cache"]

                class Counter(BaseHTTPRequestHandler):
                    def do_GET(self):
                        run = subprocess.run(["redis-cli", "-h", redis["hostname"], "-p", str(redis["port"]), "INCR", "hits"],
                                             env=dict(os.environ, REDISCLI_AUTH=redis["password"]), capture_output=True, text=True)
                        if run.returncode == 0 and run.stdout.strip().isdigit():
                            status, body = 200, {"hits": int(run.stdout.strip()), "keys": sorted(redis),
                                                 "protocol": redis["protocol"], "provider": redis["provider"]}
                        else:
                            status, body = 500, {"error": run.stdout + run.stderr}
                        data = json.dumps(body).encode()
                        self.send_response(status)
                        self.send_header("Content-Length", str(len(data)))
                        self.end_headers()
                        self.wfile.write(data)

                ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Counter).serve_forever()
                """));
    }
}
