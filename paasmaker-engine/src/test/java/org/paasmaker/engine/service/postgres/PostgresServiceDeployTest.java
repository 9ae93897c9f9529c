package org.paasmaker.engine.service.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.EngineLog;
import org.paasmaker.engine.Services;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.service.server.ManagedServersStopped;
import org.paasmaker.engine.service.server.RunAs;
import org.paasmaker.engine.service.server.ServiceDeploys;

/**
 * A real application on a real engine: it reads its database from PM_SERVICES and counts its hits
 * there, across versions, through a SIGKILL of the managed server, until the application is deleted
 * with its services. Its passwords never show in a job log or the engine's log.
 */
class PostgresServiceDeployTest {

    @RegisterExtension
    @Order(1)
    final ManagedServersStopped servers = new ManagedServersStopped(() -> this.fixture.engine().home(), "postgres");

    @RegisterExtension
    @Order(2)
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder
            .pluginSettings(PostgresServiceProvider.ID, Map.of("port", "0")));

    @RegisterExtension
    @Order(3)
    final EngineLog engineLog = new EngineLog();

    private final ServiceDeploys deploys = new ServiceDeploys(fixture);

    @Test
    void anApplicationKeepsItsDatabaseAcrossVersionsAndARestartOfTheServerAndLosesItOnlyWithItsServices()
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
        PluginParameters credentials = deploys.service(application, "db").credentials();

        ApplicationVersion second = deploys.prepare(app, jobs);
        assertThat(deploys.service(application, "db").credentials()).as("a later version reuses the service")
                .isEqualTo(credentials);
        jobs.add(deploys.succeed(fixture.engine().versions().start(second.id())));
        assertThat(deploys.hit(second.id()).get("hits").asInt()).isEqualTo(2);

        jobs.add(deploys.succeed(fixture.engine().versions().stop(first.id())));
        jobs.add(deploys.succeed(fixture.engine().versions().delete(first.id())));
        assertThat(deploys.hit(second.id()).get("hits").asInt()).as("deleting a version keeps the database")
                .isEqualTo(3);

        ProcessRecords records = new ProcessRecords(fixture.engine().home().resolve("services/postgres/process"), m -> { });
        ProcessIdentity killed = records.find(ManagedPostgres.RECORD_KEY).orElseThrow().identity();
        RunAs.run(List.of("/bin/kill", "-KILL", Long.toString(killed.pid())));
        await("the health round starts the managed server again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> records.find(ManagedPostgres.RECORD_KEY)
                        .map(ProcessRecord::identity).filter(p -> !p.equals(killed) && p.isAlive()).isPresent());
        await("the application reaches its database again").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertThat(deploys.hit(second.id()).get("hits").asInt()).as("its data survived")
                        .isEqualTo(4));

        jobs.add(deploys.succeed(fixture.engine().versions().stop(second.id())));
        jobs.add(deploys.succeed(fixture.engine().applications().delete(application, true)));

        assertThatThrownBy(() -> PostgresServiceContract.connect(credentials, credentials.string("database")).close())
                .isInstanceOf(SQLException.class);
        String password = credentials.string("password");
        for (JobId job : jobs) {
            assertThat(fixture.logs(fixture.engine().jobs().await(job, EngineFixture.JOB_TIMEOUT)))
                    .as("the log of job " + job).doesNotContain(password);
        }
        assertThat(engineLog.text()).as("the engine's log").doesNotContain(password);
        assertThat(Files.readString(fixture.engine().home().resolve("services/postgres/postgres.log")))
                .as("the server's log").doesNotContain(password);
    }

    @Test
    void serviceParametersThePluginDoesNotTakeAreRefusedAtUploadWithTheirPath() throws Exception {
        Path app = counterApp(fixture.temp().resolve("bad"), "    parameters:\n      size: 10\n");

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.summary() + fixture.logs(job)).contains("services[0].parameters.size")
                .contains("paasmaker.service.postgres");
        assertThat(fixture.engine().home().resolve("services/postgres")).as("nothing was started").doesNotExist();
    }

    @Test
    void aManagedServerThatCannotStartFailsThePrepareWithItsOwnLogLinesAndLeavesNothing() throws Exception {
        Path app = counterApp(fixture.temp().resolve("blocked"), "");
        Path home = fixture.temp().resolve("blocked-home");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                EngineFixture blocked = new EngineFixture(home, builder -> builder.pluginSettings(
                        PostgresServiceProvider.ID, Map.of("port", Integer.toString(taken.getLocalPort()))))) {

            JobView job = blocked.prepare(SourceSpec.directory(app));

            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(blocked.logs(job)).contains("could not bind IPv4 address \"127.0.0.1\"")
                    .contains("Address already in use");
            assertThat(home.resolve("services/postgres")).doesNotExist();
        }
    }

    @Test
    void aRestartedEngineAdoptsTheRunningServerInsteadOfStartingASecond() throws Exception {
        Path app = counterApp(fixture.temp().resolve("adopted"), "");
        Path home = fixture.temp().resolve("restarted-home");
        java.util.function.UnaryOperator<org.paasmaker.engine.Paasmaker.Builder> settings = builder -> builder
                .pluginSettings(PostgresServiceProvider.ID, Map.of("port", "0"));
        ProcessRecords records = new ProcessRecords(home.resolve("services/postgres/process"), message -> { });
        ProcessIdentity first;
        PluginParameters credentials;
        try (EngineFixture before = new EngineFixture(home, settings)) {
            JobView prepared = before.prepare(SourceSpec.directory(app));
            first = records.find(ManagedPostgres.RECORD_KEY).orElseThrow().identity();
            servers.add(first);
            assertThat(prepared.state()).as(before.logs(prepared)).isEqualTo(JobState.SUCCESS);
            credentials = before.engine().applications().services(new ApplicationId(Long.parseLong(
                    prepared.tags().get("application_id")))).get(0).credentials();
        }
        assertThat(first.isAlive()).as("the server outlives its engine").isTrue();

        try (EngineFixture after = new EngineFixture(home, settings)) {
            JobView prepared = after.prepare(SourceSpec.directory(app));

            assertThat(prepared.state()).as(after.logs(prepared)).isEqualTo(JobState.SUCCESS);
            assertThat(records.find(ManagedPostgres.RECORD_KEY).orElseThrow().identity()).isEqualTo(first);
            assertThat(after.engine().applications().services(new ApplicationId(Long.parseLong(
                    prepared.tags().get("application_id")))).get(0).credentials()).isEqualTo(credentials);
        }
        Path data = home.resolve("services/postgres/data").toRealPath();
        long postmasters = ProcessHandle.allProcesses().filter(p -> p.parent().map(parent -> parent.pid() != first.pid())
                .orElse(true)).filter(p -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(data);
                    } catch (java.io.IOException e) {
                        return false;
                    }
                }).count();
        assertThat(postmasters).as("one server works in the data directory, not two").isEqualTo(1);
    }

    @Test
    void theEngineExportsAnApplicationsDatabaseAndImportsItBackAndRefusesAServiceWithoutData() throws Exception {
        Path app = counterApp(fixture.temp().resolve("dumped"), """
                  - name: settings
                    plugin: paasmaker.service.parameters
                    parameters: {colour: blue}
                """);
        ApplicationVersion version = deploys.prepare(app, new ArrayList<>());
        ApplicationService db = deploys.service(version.applicationId(), "db");
        PluginParameters credentials = db.credentials();
        try (Connection connection = PostgresServiceContract.connect(credentials, credentials.string("database"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE counter (n integer)");
            statement.execute("INSERT INTO counter VALUES (42)");
        }
        Services services = fixture.engine().services();
        ByteArrayOutputStream dump = new java.io.ByteArrayOutputStream();

        services.export(db.id(), dump);
        try (Connection connection = PostgresServiceContract.connect(credentials, credentials.string("database"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE counter");
        }
        services.restore(db.id(), new java.io.ByteArrayInputStream(dump.toByteArray()));

        try (Connection connection = PostgresServiceContract.connect(credentials, credentials.string("database"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n FROM counter")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
        assertThat(services.dumpFileName(db.id())).isEqualTo("counter-db.dump");
        assertThat(services.dumpFormat(db.id()).mediaType()).isEqualTo("application/octet-stream");
        ApplicationService settings = fixture.engine().applications().services(version.applicationId()).stream()
                .filter(service -> service.name().equals("settings")).findFirst().orElseThrow();
        assertThatThrownBy(() -> services.export(settings.id(), OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("the paasmaker.service.parameters service 'settings' has nothing to export");
        try (var left = Files.list(fixture.engine().home().resolve("work"))) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).as("spooled dumps").noneMatch(
                    name -> name.startsWith("import-"));
        }
    }

    /** A Python application that counts its hits in its PostgreSQL database, through psql. */
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
                  - name: db
                    plugin: paasmaker.service.postgres
                """ + serviceParameters, "app.py", """
                import json, os, subprocess, sys
                from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

                db = json.loads(os.environ["PM_SERVICES"])["db"]

                class Counter(BaseHTTPRequestHandler):
                    def do_GET(self):
                        run = subprocess.run(["psql", "-h", db["hostname"], "-p", str(db["port"]), "-U", db["username"],
                                              "-d", db["database"], "-v", "ON_ERROR_STOP=1", "-tAc",
                                              "CREATE TABLE IF NOT EXISTS hits (n serial); INSERT INTO hits DEFAULT VALUES;"
                                              " SELECT count(*) FROM hits"],
                                             env=dict(os.environ, PGPASSWORD=db["password"]), capture_output=True, text=True)
                        if run.returncode == 0:
                            status, body = 200, {"hits": int(run.stdout.split()[-1]), "keys": sorted(db)}
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
