package org.paasmaker.engine.service.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.EngineLog;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.service.server.ManagedServersStopped;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServiceDeploys;

/**
 * A real application on a real engine, with the original's tutorial manifest
 * ({@code services: - name: mysqldatabase, plugin: paasmaker.service.mysql}) unchanged: it reads its
 * database from PM_SERVICES and counts its hits there, across versions, through a SIGKILL of the
 * managed MariaDB server, until the application is deleted with its services. Its password never shows
 * in a job log, the engine's log or the server's.
 */
class MysqlServiceDeployTest {

    @RegisterExtension
    @Order(1)
    final ManagedServersStopped servers = new ManagedServersStopped(() -> this.fixture.engine().home(), "mysql");

    @RegisterExtension
    @Order(2)
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder
            .pluginSettings(MysqlServiceProvider.ID, Map.of("port", "0")));

    @RegisterExtension
    @Order(3)
    final EngineLog engineLog = new EngineLog();

    private final ServiceDeploys deploys = new ServiceDeploys(fixture);

    @Test
    void theOriginalsTutorialManifestGetsADatabaseKeptAcrossVersionsAndARestartAndLostOnlyWithItsServices()
            throws Exception {
        Path app = counterApp(fixture.temp().resolve("counter"), "");
        List<JobId> jobs = new ArrayList<>();

        ApplicationVersion first = deploys.prepare(app, jobs);
        ApplicationId application = first.applicationId();
        jobs.add(deploys.succeed(fixture.engine().versions().start(first.id())));
        JsonNode answer = deploys.hit(first.id());
        assertThat(answer.get("hits").asInt()).isEqualTo(1);
        assertThat(answer.get("keys")).extracting(JsonNode::asText).containsExactly("database", "hostname", "password",
                "port", "protocol", "provider", "username");
        assertThat(answer.get("protocol").asText()).isEqualTo("mysql");
        assertThat(answer.get("provider").asText()).isEqualTo("paasmaker.service.mysql");
        PluginParameters credentials = deploys.service(application, "mysqldatabase").credentials();

        ApplicationVersion second = deploys.prepare(app, jobs);
        assertThat(deploys.service(application, "mysqldatabase").credentials()).as("a later version reuses the service")
                .isEqualTo(credentials);
        jobs.add(deploys.succeed(fixture.engine().versions().start(second.id())));
        assertThat(deploys.hit(second.id()).get("hits").asInt()).isEqualTo(2);

        jobs.add(deploys.succeed(fixture.engine().versions().stop(first.id())));
        jobs.add(deploys.succeed(fixture.engine().versions().delete(first.id())));
        assertThat(deploys.hit(second.id()).get("hits").asInt()).as("deleting a version keeps the database")
                .isEqualTo(3);

        ProcessRecords records = new ProcessRecords(fixture.engine().home().resolve("services/mysql/process"), m -> { });
        ProcessIdentity killed = records.find(ManagedMariadb.RECORD_KEY).orElseThrow().identity();
        RunAs.run(List.of("/bin/kill", "-KILL", Long.toString(killed.pid())));
        await("the health round starts the managed server again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> records.find(ManagedMariadb.RECORD_KEY)
                        .map(ProcessRecord::identity).filter(p -> !p.equals(killed) && p.isAlive()).isPresent());
        await("the application reaches its database again").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertThat(deploys.hit(second.id()).get("hits").asInt()).as("its data survived")
                        .isEqualTo(4));

        jobs.add(deploys.succeed(fixture.engine().versions().stop(second.id())));
        jobs.add(deploys.succeed(fixture.engine().applications().delete(application, true)));

        assertThatThrownBy(() -> MysqlServiceContract.connect(credentials, credentials.string("database")).close())
                .isInstanceOf(SQLException.class);
        String password = credentials.string("password");
        for (JobId job : jobs) {
            assertThat(fixture.logs(fixture.engine().jobs().await(job, EngineFixture.JOB_TIMEOUT)))
                    .as("the log of job " + job).doesNotContain(password);
        }
        assertThat(engineLog.text()).as("the engine's log").doesNotContain(password);
        assertThat(Files.readString(fixture.engine().home().resolve("services/mysql/mariadb.log")))
                .as("the server's log").doesNotContain(password);
    }

    @Test
    void serviceParametersThePluginDoesNotTakeAreRefusedAtUploadWithTheirPath() throws Exception {
        Path app = counterApp(fixture.temp().resolve("bad"), "    parameters:\n      size: 10\n");

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.summary() + fixture.logs(job)).contains("services[0].parameters.size")
                .contains("paasmaker.service.mysql");
        assertThat(fixture.engine().home().resolve("services/mysql")).as("nothing was started").doesNotExist();
    }

    @Test
    void aManagedServerThatCannotStartFailsThePrepareWithItsOwnLogLinesAndLeavesNothing() throws Exception {
        Path app = counterApp(fixture.temp().resolve("blocked"), "");
        Path home = fixture.temp().resolve("blocked-home");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                EngineFixture blocked = new EngineFixture(home, builder -> builder.pluginSettings(
                        MysqlServiceProvider.ID, Map.of("port", Integer.toString(taken.getLocalPort()))))) {

            JobView job = blocked.prepare(SourceSpec.directory(app));

            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(blocked.logs(job)).contains("Can't start server: Bind on TCP/IP port")
                    .contains("Address already in use");
            assertThat(home.resolve("services/mysql")).doesNotExist();
        }
    }

    /**
     * A Python application that counts its hits in its MySQL database, through the mariadb client; the
     * manifest's services are the original tutorial's, word for word.
     */
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
                  - name: mysqldatabase
                    plugin: paasmaker.service.mysql
                """ + serviceParameters, "app.py", """
                import json, os, subprocess, sys
                from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

                db = json.loads(os.environ["PM_SERVICES"])["mysqldatabase"]

                class Counter(BaseHTTPRequestHandler):
                    def do_GET(self):
                        run = subprocess.run(["mariadb", "--protocol=TCP", "-h", db["hostname"], "-P", str(db["port"]),
                                              "-u", db["username"], "-D", db["database"], "-N", "-B", "-e",
                                              "CREATE TABLE IF NOT EXISTS hits (n serial); INSERT INTO hits VALUES ();"
                                              " SELECT count(*) FROM hits"],
                                             env=dict(os.environ, MYSQL_PWD=db["password"]), capture_output=True, text=True)
                        if run.returncode == 0:
                            status, body = 200, {"hits": int(run.stdout.split()[-1]), "keys": sorted(db),
                                                 "protocol": db["protocol"], "provider": db["provider"]}
                        else:
                            status, body = 500, {"error": run.stderr}
                        data = json.dumps(body).encode()
                        self.send_response(status)
                        self.send_header("Content-Length", str(len(data)))
                        self.end_headers()
                        self.wfile.write(data)

                ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Counter).serve_forever()
                """));
    }
}
