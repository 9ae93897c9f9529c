package org.paasmaker.engine.service.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * Stops the managed service servers a test's engine started: they outlive their engine on purpose.
 * Right after the test it reads their records in the engine's home (still there then), and stops them
 * once the engine's fixture closed the engine and its health round, which would start them again:
 * <pre>{@code
 * @RegisterExtension
 * @Order(1)
 * final ManagedServersStopped servers = new ManagedServersStopped(() -> this.fixture.engine().home(), "postgres");
 *
 * @RegisterExtension
 * @Order(2)
 * final EngineFixture fixture = EngineFixture.perTest(...);
 * }</pre>
 */
public final class ManagedServersStopped implements AfterTestExecutionCallback, AfterEachCallback {

    private final Supplier<Path> home;
    private final List<String> kinds;
    private final List<ProcessIdentity> servers = new ArrayList<>();

    /** The servers of these kinds ({@code services/<kind>/process} in the home). */
    public ManagedServersStopped(Supplier<Path> home, String... kinds) {
        this.home = home;
        this.kinds = List.of(kinds);
    }

    /** A server that another engine of the test started, stopped with the others. */
    public void add(ProcessIdentity server) {
        servers.add(server);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        for (String kind : kinds) {
            Path records = home.get().resolve("services").resolve(kind).resolve("process");
            if (Files.isDirectory(records)) {
                new ProcessRecords(records, message -> { }).load().stream().map(ProcessRecord::identity)
                        .forEach(servers::add);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (ProcessIdentity server : servers) {
            new ProcessGroupKiller().stop(server, Duration.ofSeconds(5));
        }
    }
}
