package org.paasmaker.engine.service.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.service.server.DumpFigures;
import org.paasmaker.engine.service.server.PluginHome;

/**
 * Printed, not asserted: exporting and importing a managed MariaDB service holding 200,000 rows (an
 * integer and a 32-character text each), as {@code PostgresDumpFiguresTest} does for PostgreSQL.
 */
class MysqlDumpFiguresTest {

    @Test
    void printTheDumpFigures() throws Exception {
        try (PluginHome<MysqlServiceProvider> home = PluginHome.init("mysql-dump-figures", new MysqlServiceProvider(),
                Map.of("port", "0"))) {
            Service service = home.provider().create(null);
            ServiceRequest request = PluginHome.request(1, "db");
            PluginParameters credentials = service.provision(request, Optional.empty());
            try (Connection connection = MysqlServiceContract.connect(credentials, credentials.string("database"));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE rows_ (n integer, m char(32))");
                statement.execute("INSERT INTO rows_ SELECT seq, md5(seq) FROM seq_1_to_200000");
            }

            long size = DumpFigures.print("MariaDB", "200000 rows", service.dumps().orElseThrow(), request,
                    credentials, home.home(), 3);

            assertThat(size).isPositive();
            service.remove(request, credentials);
        }
    }
}
