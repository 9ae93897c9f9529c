package org.paasmaker.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.ShiftableClock;

/** The engine calls the crons of the current version, on a real sample, at their minute. */
class WebCronTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShiftableClock clock = new ShiftableClock(Instant.parse("2030-01-07T12:03:00Z"));

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder.clock(clock));

    @Test
    void theJavaSamplesCronIsCalledWithBasicAuthAtItsMinuteOnlyForTheCurrentVersion() throws Exception {
        ApplicationVersion version = fixture.prepareSample("hello-java");
        fixture.succeed(fixture.engine().versions().start(version.id()));
        assertThat(fixture.engine().crons().keys(version.applicationId()))
                .as("a version that is not current runs no crons").isEmpty();

        fixture.succeed(fixture.engine().versions().makeCurrent(version.id()));
        List<String> keys = fixture.engine().crons().keys(version.applicationId());
        assertThat(keys).singleElement().asString().matches("app-" + version.applicationId() + "/web/0-[0-9a-f]{8}");
        String key = keys.get(0);

        clock.set(Instant.parse("2030-01-07T12:04:58Z"));
        List<String> log = await().atMost(Duration.ofSeconds(60))
                .until(() -> fixture.engine().crons().log(key, 10), lines -> !lines.isEmpty());

        JsonNode call = JSON.readTree(log.get(0));
        assertThat(call.get("slot").asText()).isEqualTo("2030-01-07T12:05:00Z");
        assertThat(call.get("outcome").asText()).as(log.get(0)).isEqualTo("ok");
        assertThat(call.get("status").asInt()).as("the sample answers 401 to a call without the cron's password")
                .isEqualTo(200);
        assertThat(call.get("uri").asText()).isEqualTo("/tick");
        assertThat(call.get("body").asText()).isEqualTo("ticked 1\n");
        Instance web = fixture.engine().versions().instances(version.id()).get(0);
        assertThat(fixture.engine().versions().instanceLog(web.id(), 10)).contains("tick 1");
    }
}
