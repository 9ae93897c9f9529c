package org.paasmaker.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.routes.RouteRefresh;
import org.paasmaker.engine.store.HookedStore;
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
        EngineFixture.tearDown(fixture, () -> router.close());
    }

    @Test
    void aTableComputedBetweenTheSwitchsTwoWritesStillRoutesTheHostname() throws Exception {
        router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
        RecordingRouter recording = new RecordingRouter(router);
        AtomicBoolean armed = new AtomicBoolean();
        HookedStore.Hooks betweenTheWrites = new HookedStore.Hooks() {
            @Override
            public void versionWritten(ApplicationVersion before, ApplicationVersion written) {
                // Once armed, the write that ends a version's being current waits for a refresh to publish a table.
                if (before.current() && !written.current() && armed.getAndSet(false)) {
                    int published = recording.tables.size();
                    await("a table published between the two writes").atMost(DEADLINE)
                            .until(() -> recording.tables.size() > published);
                }
            }
        };
        fixture = new EngineFixture(temp.resolve("home"), builder -> builder.router(recording)
                .store(new HookedStore(new InMemoryStore(), betweenTheWrites))
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
}
