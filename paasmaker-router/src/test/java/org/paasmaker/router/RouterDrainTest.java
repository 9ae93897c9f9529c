package org.paasmaker.router;

import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterDrainTest {

    private static RoutingTable table(long generation, TestBackend backend) {
        return RoutingTable.of(generation, List.of(Route.of("app.com", List.of(backend.target("app", (int) generation)))));
    }

    @Test
    void aDrainWaitsForTheSlowRequestInFlightWhileNewRequestsGoToTheNewTarget() throws Exception {
        try (Closer closer = new Closer()) {
            TestBackend old = closer.add(TestBackend.start("old"));
            TestBackend fresh = closer.add(TestBackend.start("fresh"));
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"), table(1, old)));
            CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> get(router, "/slow"));
            assertThat(old.awaitSlowArrived()).isTrue();

            CompletableFuture<DrainResult> drain = CompletableFuture.supplyAsync(
                    () -> router.drain(table(2, fresh), Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(20)).until(() -> router.table().generation() == 2);

            assertThat(get(router, "/").text()).isEqualTo("fresh");
            assertThat(drain).isNotDone();
            old.releaseSlow();
            DrainResult result = drain.get(30, TimeUnit.SECONDS);
            assertThat(result.drained()).containsExactly(old.target("app", 1));
            assertThat(result.isComplete()).isTrue();
            assertThat(slow.get(30, TimeUnit.SECONDS).text()).isEqualTo("old slow");
        }
    }

    @Test
    void aDrainThatRunsOutOfTimeNamesTheTargetsStillBusy() throws Exception {
        try (Closer closer = new Closer()) {
            TestBackend old = closer.add(TestBackend.start("old"));
            TestBackend fresh = closer.add(TestBackend.start("fresh"));
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"), table(1, old)));
            CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> get(router, "/slow"));
            assertThat(old.awaitSlowArrived()).isTrue();

            DrainResult result = router.drain(table(2, fresh), Duration.ofMillis(100));

            assertThat(result.stillBusy()).containsExactly(old.target("app", 1));
            assertThat(result.isComplete()).isFalse();
            old.releaseSlow();
            assertThat(slow.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatLeavesMidRequestNoLongerHoldsItsTargetsDrain() throws Exception {
        try (Closer closer = new Closer()) {
            TestBackend old = closer.add(TestBackend.start("old"));
            TestBackend fresh = closer.add(TestBackend.start("fresh"));
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"), table(1, old)));
            RawHttp leaving = new RawHttp(router.port());
            leaving.send("GET /slow HTTP/1.1\r\nHost: app.com\r\n\r\n");
            assertThat(old.awaitSlowArrived()).isTrue();

            leaving.close();
            DrainResult result = router.drain(table(2, fresh), Duration.ofSeconds(30));

            assertThat(result.isComplete()).isTrue();
            assertThat(router.statistics().instances()).filteredOn(instance -> instance.instanceId().equals("old"))
                    .singleElement().satisfies(instance -> assertThat(instance.traffic().requests()).isEqualTo(1));
        }
    }

    @Test
    void idleConnectionsToATargetTheTableDroppedAreClosed() throws Exception {
        try (Closer closer = new Closer()) {
            KeepAliveBackend backend = closer.add(new KeepAliveBackend());
            RouteTarget target = new RouteTarget("127.0.0.1", backend.port(), "app", 1, "i-1");
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"),
                    RoutingTable.of(1, List.of(Route.of("app.com", List.of(target))))));
            for (int i = 0; i < 3; i++) {
                assertThat(RawHttp.get(router.port(), "app.com", "/").text()).isEqualTo("ok");
            }
            assertThat(backend.closedByClient()).as("kept alive in the pool").isZero();

            router.update(RoutingTable.of(2, List.of(Route.of("app.com", List.of()))));

            await().atMost(Duration.ofSeconds(20)).until(() -> backend.closedByClient() == backend.opened());
            assertThat(backend.opened()).isPositive();
        }
    }

    @Test
    void anOlderTableIsRefused() throws Exception {
        try (Closer closer = new Closer()) {
            TestBackend backend = closer.add(TestBackend.start("one"));
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"), table(5, backend)));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.update(table(4, backend)))
                    .hasMessageContaining("generation 5").hasMessageContaining("older generation 4");
            assertThat(router.table().generation()).isEqualTo(5);
        }
    }

    private static RawHttp.Response get(Router router, String path) {
        try {
            return RawHttp.get(router.port(), "app.com", path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
