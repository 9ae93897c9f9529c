package org.paasmaker.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.store.CronLedgerRepository;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.ServiceRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.store.WorkspaceRepository;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.routes.RouteRefresh;
import org.paasmaker.engine.store.InMemoryStore;
import org.paasmaker.router.RawHttp;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/**
 * A switch of the current version writes two records, and the routes may be computed between the two
 * writes (each controller recomputes them from the store every refresh, and any instance's change
 * recomputes them too). No table computed then may leave the application's hostname out: a router
 * serving it would answer 404 until the next one.
 */
class SwitchTablesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Router router;
    private EngineFixture fixture;

    @AfterEach
    void stop() {
        try {
            if (fixture != null) {
                fixture.stopEverything();
                fixture.close();
            }
        } finally {
            router.close();
        }
    }

    @Test
    void aTableComputedBetweenTheSwitchsTwoWritesStillRoutesTheHostname() throws Exception {
        router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
        RecordingRouter recording = new RecordingRouter(router);
        AtomicBoolean armed = new AtomicBoolean();
        // Once armed, the write that ends a version's being current waits for a refresh to publish a table.
        Runnable betweenTheWrites = () -> {
            if (armed.getAndSet(false)) {
                int before = recording.tables.size();
                await("a table published between the two writes").atMost(DEADLINE)
                        .until(() -> recording.tables.size() > before);
            }
        };
        fixture = new EngineFixture(temp.resolve("home"), builder -> builder.router(recording)
                .store(new CurrentWritesStore(new InMemoryStore(), betweenTheWrites))
                .settingsEnvironment(Map.of(RouteRefresh.VARIABLE, "10")));
        Path app = SwitchingApp.write(temp.resolve("switch"), 1);
        VersionId one = running(app);
        VersionId two = running(app);
        fixture.succeed(fixture.engine().versions().makeCurrent(one));
        await().atMost(DEADLINE).until(() -> routes(router.table()));

        int from = recording.tables.size();
        armed.set(true);
        fixture.succeed(fixture.engine().versions().makeCurrent(two));

        List<RoutingTable> during = List.copyOf(recording.tables.subList(from, recording.tables.size()));
        assertThat(armed).as("the switch ended a version's being current").isFalse();
        assertThat(during).as("tables published during the switch").isNotEmpty()
                .allSatisfy(table -> assertThat(routes(table)).as("table %d routes %s", table.generation(),
                        SwitchingApp.HOSTNAME).isTrue());
        assertThat(RawHttp.get(router.port(), SwitchingApp.HOSTNAME, "/").text()).isEqualTo("version 2");
    }

    private VersionId running(Path app) {
        VersionId id = new VersionId(Long.parseLong(fixture.prepare(SourceSpec.directory(app)).tags().get("version_id")));
        fixture.succeed(fixture.engine().versions().start(id));
        return id;
    }

    private static boolean routes(RoutingTable table) {
        return table.routes().stream().anyMatch(route -> route.hostname().equals(SwitchingApp.HOSTNAME)
                && !route.targets().isEmpty());
    }

    /** The router in this JVM, and every table the engine gave it, in order. */
    private static final class RecordingRouter implements RouterControl {
        private final RouterControl router;
        final List<RoutingTable> tables = new CopyOnWriteArrayList<>();

        RecordingRouter(RouterControl router) {
            this.router = router;
        }

        @Override
        public void update(RoutingTable table) {
            router.update(table);
            tables.add(table);
        }

        @Override
        public DrainResult drain(RoutingTable next, Duration limit) {
            tables.add(next);
            return router.drain(next, limit);
        }

        @Override
        public int port() {
            return router.port();
        }

        @Override
        public RoutingTable table() {
            return router.table();
        }

        @Override
        public RouterStatistics statistics() {
            return router.statistics();
        }
    }

    /** The engine's in-memory store, running a hook right after a write that ends a version's being current. */
    private record CurrentWritesStore(Store store, Runnable afterCurrentEnds) implements Store {

        @Override
        public VersionRepository versions() {
            VersionRepository versions = store.versions();
            return new VersionRepository() {
                @Override
                public ApplicationVersion create(ApplicationId application, SourceSpec source, String manifestPath,
                        String manifestText, Instant createdAt) {
                    return versions.create(application, source, manifestPath, manifestText, createdAt);
                }

                @Override
                public Optional<ApplicationVersion> find(VersionId id) {
                    return versions.find(id);
                }

                @Override
                public List<ApplicationVersion> list(ApplicationId application) {
                    return versions.list(application);
                }

                @Override
                public List<ApplicationVersion> inStates(Set<VersionState> states) {
                    return versions.inStates(states);
                }

                @Override
                public List<ApplicationVersion> current() {
                    return versions.current();
                }

                @Override
                public List<ApplicationVersion> withPackage(String checksum) {
                    return versions.withPackage(checksum);
                }

                @Override
                public ApplicationVersion update(ApplicationVersion version) {
                    boolean wasCurrent = versions.get(version.id()).current();
                    ApplicationVersion written = versions.update(version);
                    if (wasCurrent && !written.current()) {
                        afterCurrentEnds.run();
                    }
                    return written;
                }

                @Override
                public void delete(VersionId id) {
                    versions.delete(id);
                }
            };
        }

        @Override
        public WorkspaceRepository workspaces() {
            return store.workspaces();
        }

        @Override
        public ApplicationRepository applications() {
            return store.applications();
        }

        @Override
        public ServiceRepository services() {
            return store.services();
        }

        @Override
        public InstanceRepository instances() {
            return store.instances();
        }

        @Override
        public JobRepository jobs() {
            return store.jobs();
        }

        @Override
        public Optional<LeaseRepository> leases() {
            return store.leases();
        }

        @Override
        public Optional<CronLedgerRepository> cronLedger() {
            return store.cronLedger();
        }
    }
}
