package org.paasmaker.engine.service.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.service.server.DumpFigures;

/**
 * Printed, not asserted: exporting and importing a managed MariaDB service holding 200,000 rows (an
 * integer and a 32-character text each), as {@code PostgresDumpFiguresTest} does for PostgreSQL.
 */
class MysqlDumpFiguresTest {

    @Test
    void printTheDumpFigures() throws Exception {
        Path home = Files.createTempDirectory("paasmaker-mysql-dump-figures-");
        MysqlServiceProvider provider = new MysqlServiceProvider();
        try {
            provider.init(PluginSettings.of(MysqlServiceProvider.ID, provider.settings(), Map.of("port", "0"), home));
            Service service = provider.create(null);
            ServiceRequest request = new ServiceRequest(new ApplicationId(1), "figures", "test", "db",
                    PluginParameters.empty());
            PluginParameters credentials = service.provision(request, Optional.empty());
            try (Connection connection = MysqlServiceContract.connect(credentials, credentials.string("database"));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE rows_ (n integer, m char(32))");
                statement.execute("INSERT INTO rows_ SELECT seq, md5(seq) FROM seq_1_to_200000");
            }

            long size = DumpFigures.print("MariaDB", "200000 rows", service.dumps().orElseThrow(), request,
                    credentials, home, 3);

            assertThat(size).isPositive();
            service.remove(request, credentials);
        } finally {
            if (provider.server() instanceof ManagedMariadb managed) {
                managed.stop(Duration.ofSeconds(10));
            }
            provider.close();
            Directories.deleteTree(home);
        }
    }
}
