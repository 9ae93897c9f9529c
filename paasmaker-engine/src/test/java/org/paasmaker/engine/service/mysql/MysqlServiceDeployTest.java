package org.paasmaker.engine.service.mysql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.EngineLog;
import org.paasmaker.engine.service.server.CountingService;
import org.paasmaker.engine.service.server.ManagedServersStopped;
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

    /**
     * The original tutorial's services, word for word; the application counts its hits through the
     * mariadb client.
     */
    private static final CountingService MYSQL = new CountingService("mysql", MysqlServiceProvider.ID, "mysqldatabase",
            List.of("database", "hostname", "password", "port", "protocol", "provider", "username"), "mysql", """
                    ["mariadb", "--protocol=TCP", "-h", db["hostname"], "-P", str(db["port"]), "-u", db["username"],
                     "-D", db["database"], "-N", "-B", "-e",
                     "CREATE TABLE IF NOT EXISTS hits (n serial); INSERT INTO hits VALUES (); SELECT count(*) FROM hits"]""",
            "MYSQL_PWD", credentials -> ManagedMariadb.RECORD_KEY, credentials -> Path.of("mariadb.log"),
            "ready for connections", credentials -> assertThatThrownBy(() -> MysqlServiceContract.connect(
                    credentials, credentials.string("database")).close()).isInstanceOf(SQLException.class));

    @Test
    void theOriginalsTutorialManifestGetsADatabaseKeptAcrossVersionsAndARestartAndLostOnlyWithItsServices()
            throws Exception {
        deploys.keepsItsDataAcrossVersionsAndARestartAndLosesItOnlyWithItsServices(MYSQL, engineLog);
    }

    @Test
    void serviceParametersThePluginDoesNotTakeAreRefusedAtUploadWithTheirPath() throws Exception {
        deploys.refusesParametersThePluginDoesNotTake(MYSQL);
    }

    @Test
    void aManagedServerThatCannotStartFailsThePrepareWithItsOwnLogLinesAndLeavesNothing() throws Exception {
        deploys.failsThePrepareWhenTheServerCannotStart(MYSQL, "Can't start server: Bind on TCP/IP port");
    }
}
