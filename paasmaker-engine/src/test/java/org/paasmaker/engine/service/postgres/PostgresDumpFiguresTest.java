package org.paasmaker.engine.service.postgres;

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
 * Printed, not asserted (the machine is shared): exporting and importing a managed PostgreSQL service
 * holding 200,000 rows (an integer and a 32-character text each). The import includes saving the earlier
 * data, dropping and making the database again, and pg_restore.
 */
class PostgresDumpFiguresTest {

    @Test
    void printTheDumpFigures() throws Exception {
        try (PluginHome<PostgresServiceProvider> home = PluginHome.init("postgres-dump-figures", new PostgresServiceProvider(),
                Map.of("port", "0"))) {
            Service service = home.provider().create(null);
            ServiceRequest request = PluginHome.request(1, "db");
            PluginParameters credentials = service.provision(request, Optional.empty());
            try (Connection connection = PostgresServiceContract.connect(credentials, credentials.string("database"));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE rows AS SELECT i AS n, md5(i::text) AS m FROM generate_series(1, 200000) i");
            }

            long size = DumpFigures.print("PostgreSQL", "200000 rows", service.dumps().orElseThrow(), request,
                    credentials, home.home(), 3);

            assertThat(size).isPositive();
            service.remove(request, credentials);
        }
    }
}
