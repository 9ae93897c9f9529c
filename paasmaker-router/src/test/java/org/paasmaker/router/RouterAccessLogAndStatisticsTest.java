package org.paasmaker.router;

import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouterStatistics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.RouterStatistics.InstanceTraffic;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterAccessLogAndStatisticsTest {

    @TempDir
    Path directory;

    @Test
    void eachRequestIsLoggedAndCountedPerApplicationVersionAndInstance() throws Exception {
        Path log = directory.resolve("access.log");
        try (Closer closer = new Closer()) {
            TestBackend one = closer.add(TestBackend.start("one"));
            TestBackend two = closer.add(TestBackend.start("two"));
            Router router = closer.add(Router.start(
                    RouterSettings.onPort(0).withBindAddress("127.0.0.1").withAccessLog(log),
                    RoutingTable.of(3, List.of(
                            Route.of("app.com", List.of(one.target("app", 1), two.target("app", 2))),
                            Route.of("empty.com", List.of())))));

            try (RawHttp http = new RawHttp(router.port())) {
                for (int i = 0; i < 4; i++) {
                    http.get("app.com", "/bytes?n=100&token=secret");
                }
                http.get("nobody.com", "/missing");
                http.get("empty.com", "/");
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readAllLines(log).size() == 6);
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> lines = Files.readAllLines(log).stream().map(line -> read(json, line)).toList();
            JsonNode first = lines.get(0);
            assertThat(first.get("host").asText()).isEqualTo("app.com");
            assertThat(first.get("method").asText()).isEqualTo("GET");
            assertThat(first.get("path").asText()).as("the query may hold tokens").isEqualTo("/bytes");
            assertThat(first.get("status").asInt()).isEqualTo(200);
            assertThat(first.get("bytes").asLong()).isEqualTo(100);
            assertThat(first.get("upstream").asText()).isIn("127.0.0.1:" + one.port(), "127.0.0.1:" + two.port());
            assertThat(first.get("durationMicros").asLong()).isPositive();
            assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(first.get("time").asText()).endsWith("Z");
            assertThat(lines.get(4).get("status").asInt()).isEqualTo(404);
            assertThat(lines.get(4).get("upstream").asText()).isEqualTo("-");
            assertThat(lines.get(5).get("status").asInt()).isEqualTo(503);

            RouterStatistics statistics = router.statistics();
            assertThat(statistics.generation()).isEqualTo(3);
            assertThat(statistics.applications()).singleElement().satisfies(application -> {
                assertThat(application.application()).isEqualTo("app");
                assertThat(application.traffic().requests()).isEqualTo(4);
                assertThat(application.traffic().bytes()).isEqualTo(400);
                assertThat(application.traffic().status2xx()).isEqualTo(4);
                assertThat(application.traffic().p99Millis()).isPositive();
            });
            assertThat(statistics.versions()).extracting(RouterStatistics.VersionTraffic::version).containsExactly(1, 2);
            assertThat(statistics.instances()).extracting(InstanceTraffic::instanceId).containsExactly("one", "two");
            assertThat(statistics.instances()).allSatisfy(instance -> assertThat(instance.traffic().requests()).isEqualTo(2));
            assertThat(statistics.unrouted().requests()).isEqualTo(2);
            assertThat(statistics.unrouted().status4xx()).isEqualTo(1);
            assertThat(statistics.unrouted().status5xx()).isEqualTo(1);
        }
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
