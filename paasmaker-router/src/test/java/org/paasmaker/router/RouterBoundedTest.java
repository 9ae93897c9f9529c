package org.paasmaker.router;

import org.paasmaker.api.routing.AccessLogLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouterStatistics.InstanceTraffic;
import org.paasmaker.api.routing.RoutingTable;

/** The router's access log and statistics stay bounded however much traffic and however many deploys it sees. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouterBoundedTest {

    private static final Pattern PATH = Pattern.compile(".*\"path\":\"/(\\d+)\".*");

    @TempDir
    Path directory;

    @Test
    void anAccessLogWrittenAsFastAsPossibleStaysUnderItsCapInItsKeptFiles() throws Exception {
        Path file = directory.resolve("access.log");
        AccessLogLimit limit = new AccessLogLimit(256 * 1024, 3);
        int entries = 500_000;
        long dropped;
        long started = System.nanoTime();
        AccessLog log = new AccessLog(file, limit);
        try {
            for (int i = 1; i <= entries; i++) {
                log.log(new AccessLog.Entry(System.currentTimeMillis(), "app.example.com", "GET", "/" + i, 200, 1234,
                        "127.0.0.1:42600", 1_000_000));
            }
        } finally {
            log.close();
        }
        dropped = log.dropped();
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Path> files = new ArrayList<>(List.of(log.rotated(3), log.rotated(2), log.rotated(1), file));
        assertThat(Files.exists(log.rotated(4))).as("no more than 3 renamed files").isFalse();
        long held = 0;
        List<Long> numbers = new ArrayList<>();
        for (Path kept : files) {
            assertThat(kept).exists();
            assertThat(Files.size(kept)).isLessThanOrEqualTo(limit.maxBytes());
            held += Files.size(kept);
            for (String line : Files.readAllLines(kept)) {
                Matcher matcher = PATH.matcher(line);
                assertThat(matcher.matches()).as(line).isTrue();
                numbers.add(Long.parseLong(matcher.group(1)));
            }
        }
        assertThat(numbers).as("the newest entries, oldest file first").isSorted().doesNotHaveDuplicates();
        assertThat(held).isGreaterThan(3 * limit.maxBytes());
        assertThat(dropped).isLessThan(entries);
        if (dropped == 0) {
            assertThat(numbers.get(numbers.size() - 1)).isEqualTo(entries);
        }
        System.out.printf("RouterBoundedTest: %d access log entries offered in %.2f s, %d dropped (queue full);"
                + " %d bytes held in 4 files (limit %d a file, 3 renamed)%n", entries, seconds, dropped, held,
                limit.maxBytes());
    }

    @Test
    void aRouterUnderLoadRotatesItsAccessLog() throws Exception {
        Path file = directory.resolve("access.log");
        AccessLogLimit limit = new AccessLogLimit(8192, 2);
        try (Closer closer = new Closer()) {
            TestBackend one = closer.add(TestBackend.start("one"));
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1")
                            .withAccessLog(file).withAccessLogLimit(limit),
                    RoutingTable.of(1, List.of(Route.of("app.com", List.of(one.target("app", 1)))))));
            try (RawHttp http = new RawHttp(router.port())) {
                for (int i = 1; i <= 1000; i++) {
                    assertThat(http.get("app.com", "/" + i).status()).isEqualTo(200);
                }
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(file).contains("\"path\":\"/1000\""));
            assertThat(Files.size(file)).isLessThanOrEqualTo(limit.maxBytes());
            assertThat(Files.size(directory.resolve("access.log.2"))).isLessThanOrEqualTo(limit.maxBytes());
            assertThat(directory.resolve("access.log.3")).doesNotExist();
        }
    }

    @Test
    void theTrafficOfInstancesNoLongerRoutedIsForgottenAfterTheRetention() throws Exception {
        try (Closer closer = new Closer()) {
            TestBackend one = closer.add(TestBackend.start("one"));
            TestBackend two = closer.add(TestBackend.start("two"));
            Router forgetful = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1")
                    .withStatisticsRetention(Duration.ZERO), table(1, one, two)));
            Router mindful = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"),
                    table(1, one, two)));
            for (Router router : List.of(forgetful, mindful)) {
                try (RawHttp http = new RawHttp(router.port())) {
                    for (int i = 0; i < 4; i++) {
                        http.get("app.com", "/");
                    }
                }
                router.update(table(2, one));
            }

            assertThat(forgetful.statistics().instances()).extracting(InstanceTraffic::instanceId).containsExactly("one");
            assertThat(forgetful.statistics().applications()).singleElement()
                    .satisfies(application -> assertThat(application.traffic().requests()).isEqualTo(2));
            assertThat(mindful.statistics().instances()).as("within the hour it remembers")
                    .extracting(InstanceTraffic::instanceId).containsExactly("one", "two");

            forgetful.update(table(3, one, two));
            assertThat(forgetful.statistics().instances()).as("routed again, counted from nothing")
                    .extracting(InstanceTraffic::instanceId).containsExactly("one", "two");
        }
    }

    private static RoutingTable table(long generation, TestBackend... backends) {
        List<org.paasmaker.api.routing.RouteTarget> targets = new ArrayList<>();
        for (TestBackend backend : backends) {
            targets.add(backend.target("app", 1));
        }
        return RoutingTable.of(generation, List.of(Route.of("app.com", targets)));
    }
}
