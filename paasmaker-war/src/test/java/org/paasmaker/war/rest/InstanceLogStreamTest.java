package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.rest.InstanceLogLines;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;

/** A real instance that writes a numbered line every 50 ms, followed from its last lines on. */
class InstanceLogStreamTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern TICK = Pattern.compile("tick (\\d+)\n");
    private static final String MANIFEST = String.join("\n",
            "manifest:",
            "  format: 1",
            "application:",
            "  name: ticker",
            "instances:",
            "  - name: ticker",
            "    standalone: true",
            "    runtime:",
            "      plugin: paasmaker.runtime.shell",
            "      version: 1",
            "      parameters:",
            "        launch_command: \"bash tick.sh\"",
            "        standalone_wait: 1",
            "");

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    private ScheduledExecutorService scheduler;
    private VersionId version;
    private InstanceId instance;

    @BeforeEach
    void startTicker() throws Exception {
        scheduler = Executors.newScheduledThreadPool(2);
        Path app = EngineFixture.writeApp(fixture.temp().resolve("ticker"), Map.of("manifest.yml", MANIFEST,
                "tick.sh", "i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 0.05; done\n"));
        var job = fixture.prepare(SourceSpec.directory(app));
        version = new VersionId(Long.parseLong(job.tags().get("version_id")));
        fixture.succeed(fixture.engine().versions().start(version));
        instance = fixture.engine().versions().instances(version).get(0).id();
        await("a few ticks").atMost(DEADLINE).until(() -> ticks(fixture.engine().versions().instanceLog(instance, 100))
                .size() >= 5);
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void theLastLinesComeFirstThenEachLineAsItIsWrittenInOrder() {
        CollectedEvents client = follow(OptionalLong.empty(), 3);

        CollectedEvents.Sent first = client.awaitEvent(e -> true, DEADLINE, "the last lines");
        List<Long> tail = ticks(text(first));
        assertThat(tail).hasSize(3);
        long later = tail.get(2) + 10;
        client.awaitEvent(e -> ticks(text(e)).contains(later), DEADLINE,
                "tick " + later + ", written after the stream opened");

        List<Long> followed = new ArrayList<>();
        client.events().forEach(e -> followed.addAll(ticks(text(e))));
        assertThat(followed).as("every line once, in order").isEqualTo(consecutive(tail.get(0), followed.size()));
        assertThat(client.events()).allSatisfy(e -> {
            assertThat(e.name()).isEqualTo("log");
            assertThat(((InstanceLogLines) e.data()).instance()).isEqualTo(instance.value());
            assertThat(text(e)).as("whole lines").matches("(tick \\d+\n)+");
        });
    }

    @Test
    void anEventsIdResumesRightAfterIt() {
        CollectedEvents client = follow(OptionalLong.empty(), 1);
        CollectedEvents.Sent first = client.awaitEvent(e -> true, DEADLINE, "the last line");
        long after = ticks(text(first)).get(0);

        CollectedEvents resumed = follow(InstanceLogStream.resumeFrom(first.id()), 100);
        CollectedEvents.Sent next = resumed.awaitEvent(e -> true, DEADLINE, "the lines after the id");

        assertThat(ticks(text(next)).get(0)).isEqualTo(after + 1);
    }

    @Test
    void theStreamEndsWhenTheInstanceIsDeregistered() {
        CollectedEvents client = follow(OptionalLong.empty(), 1);
        client.awaitEvent(e -> true, DEADLINE, "the last line");

        fixture.succeed(fixture.engine().versions().deregister(version));

        await("the stream to end").atMost(DEADLINE).until(client::closedByStream);
    }

    @Test
    void anIdThisServerDidNotSendIsRefused() {
        assertThat(InstanceLogStream.resumeFrom(null)).isEmpty();
        assertThat(InstanceLogStream.resumeFrom("1234")).hasValue(1234);
        assertThatThrownBy(() -> InstanceLogStream.resumeFrom("-1")).isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("Last-Event-ID");
    }

    private CollectedEvents follow(OptionalLong from, int lines) {
        CollectedEvents client = new CollectedEvents();
        new InstanceLogStream(fixture.engine().versions(), instance, from, lines, client, scheduler).start();
        return client;
    }

    private static String text(CollectedEvents.Sent event) {
        return ((InstanceLogLines) event.data()).text();
    }

    private static List<Long> ticks(String text) {
        List<Long> ticks = new ArrayList<>();
        Matcher tick = TICK.matcher(text);
        while (tick.find()) {
            ticks.add(Long.parseLong(tick.group(1)));
        }
        return ticks;
    }

    private static List<Long> consecutive(long from, int count) {
        List<Long> numbers = new ArrayList<>();
        for (long n = from; n < from + count; n++) {
            numbers.add(n);
        }
        return numbers;
    }
}
