package org.paasmaker.war.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.service.postgres.PostgresServiceProvider;
import org.paasmaker.engine.service.server.ManagedServer;
import org.paasmaker.engine.service.server.ServerServiceProvider;

/**
 * One real PostgreSQL server for every store test of the run: the engine's managed PostgreSQL (Debian's
 * binaries; initdb as the postgres user when the tests run as root), on a free port, started by the
 * first class that asks and stopped, its files removed, when the whole run ends. Each test takes a
 * database of its own from it through the PostgreSQL service plugin, with a role that owns it. Public for
 * the integration tests that run controllers on it (TwoControllersIT).
 */
public final class SharedPostgres implements BeforeAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedPostgres.class, key -> start(), Server.class);
    }

    /** A new, empty database on the shared server, owned by a role of its own. */
    public static synchronized PostgresDatabase newDatabase() {
        if (server == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedPostgres.class)");
        }
        String name = "store" + DATABASES.incrementAndGet();
        PluginParameters credentials = server.service.provision(new ServiceRequest(new ApplicationId(DATABASES.get()),
                name, "test", "db", PluginParameters.empty()), Optional.empty());
        return new PostgresDatabase("jdbc:postgresql://" + credentials.string("hostname") + ":"
                + credentials.integer("port") + "/" + credentials.string("database"),
                credentials.string("username"), credentials.string("password"));
    }

    private static synchronized Server start() {
        try {
            Path home = Files.createTempDirectory("paasmaker-store-postgres-");
            PostgresServiceProvider provider = new PostgresServiceProvider();
            provider.init(PluginSettings.of(PostgresServiceProvider.ID, provider.settings(), Map.of("port", "0"), home));
            server = new Server(home, provider, provider.create(null));
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot make a directory for the store tests' PostgreSQL", e);
        }
    }

    /** The running server; closed by JUnit when the run ends, failed or not. */
    private record Server(Path home, PostgresServiceProvider provider, Service service) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            try {
                ManagedServer managed = (ManagedServer) ((ServerServiceProvider<?>) provider).server();
                provider.close();
                managed.stop(Duration.ofSeconds(20));
            } finally {
                Directories.deleteTree(home);
            }
        }
    }
}
