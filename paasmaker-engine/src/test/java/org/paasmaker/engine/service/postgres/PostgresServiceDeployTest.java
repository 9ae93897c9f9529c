package org.paasmaker.engine.service.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
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
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.service.server.CountingService;
import org.paasmaker.engine.service.server.ManagedServersStopped;
import org.paasmaker.engine.service.server.ServiceDeploys;

/**
 * A real application on a real engine: it reads its database from PM_SERVICES and counts its hits
 * there, across versions, through a SIGKILL of the managed server, until the application is deleted
 * with its services. Its password never shows in a job log, the engine's log or the server's.
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

    /** The application counts its hits through psql. */
    private static final CountingService POSTGRES = new CountingService("postgres", PostgresServiceProvider.ID, "db",
            List.of("database", "hostname", "password", "port", "protocol", "provider", "username"), "pgsql", """
                    ["psql", "-h", db["hostname"], "-p", str(db["port"]), "-U", db["username"], "-d", db["database"],
                     "-v", "ON_ERROR_STOP=1", "-tAc",
                     "CREATE TABLE IF NOT EXISTS hits (n serial); INSERT INTO hits DEFAULT VALUES; SELECT count(*) FROM hits"]""",
            "PGPASSWORD", credentials -> ManagedPostgres.RECORD_KEY, credentials -> Path.of("postgres.log"),
            "database system is ready", credentials -> assertThatThrownBy(() -> PostgresServiceContract.connect(
                    credentials, credentials.string("database")).close()).isInstanceOf(SQLException.class));

    @Test
    void anApplicationKeepsItsDatabaseAcrossVersionsAndARestartOfTheServerAndLosesItOnlyWithItsServices()
            throws Exception {
        deploys.keepsItsDataAcrossVersionsAndARestartAndLosesItOnlyWithItsServices(POSTGRES, engineLog);
    }

    @Test
    void serviceParametersThePluginDoesNotTakeAreRefusedAtUploadWithTheirPath() throws Exception {
        deploys.refusesParametersThePluginDoesNotTake(POSTGRES);
    }

    @Test
    void aManagedServerThatCannotStartFailsThePrepareWithItsOwnLogLinesAndLeavesNothing() throws Exception {
        deploys.failsThePrepareWhenTheServerCannotStart(POSTGRES, "could not bind IPv4 address \"127.0.0.1\"");
    }

    @Test
    void aRestartedEngineAdoptsTheRunningServerInsteadOfStartingASecond() throws Exception {
        Path app = ServiceDeploys.counterApp(fixture.temp().resolve("adopted"), POSTGRES, "");
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
        Path app = ServiceDeploys.counterApp(fixture.temp().resolve("dumped"), POSTGRES, """
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
}
