package org.paasmaker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.rest.InstanceLogLines;
import org.paasmaker.api.rest.WireFixtures;
import org.paasmaker.client.ScriptedEvents.Connection;

/** Following an instance's log: each line once, in order, across dropped connections, until closed. */
class InstanceLogFollowTest {

    private static final String INSTANCE = "2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b";
    private static final String LOG = "instances/" + INSTANCE + "/log";

    @RegisterExtension
    final FakeServer server = new FakeServer();
    private final PaasmakerClient client = server.client();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void release() {
        release.countDown();
    }

    private static List<ScriptedEvents.Event> lines(int count) {
        List<ScriptedEvents.Event> events = new ArrayList<>();
        events.add(new ScriptedEvents.Event("log", WireFixtures.read("instance-log-lines.json")));
        for (int i = 2; i <= count; i++) {
            events.add(new ScriptedEvents.Event("log", "{\"instance\": \"" + INSTANCE + "\", \"text\": \"line " + i + "\\n\"}"));
        }
        return events;
    }

    @Test
    void linesArriveOnceEachAcrossADroppedConnectionUntilClosed() {
        ScriptedEvents script = new ScriptedEvents(lines(5), List.of(new Connection.Drop(2), new Connection.CutInEvent(1),
                new Connection.Hold(5, release)));
        server.on("GET", LOG, script);
        List<InstanceLogLines> received = new CopyOnWriteArrayList<>();

        LogFollow follow = client.instances().followLog(INSTANCE, 5, received::add);
        await().until(() -> received.size() == 5);
        follow.close();

        Wire.assertIsFixture(received.get(0), "instance-log-lines.json");
        assertThat(received).extracting(InstanceLogLines::text).containsExactly("127.0.0.1 - - \"GET / HTTP/1.1\" 200 -\n",
                "line 2\n", "line 3\n", "line 4\n", "line 5\n");
        assertThat(script.lastEventIds()).containsExactly("", "c2", "c3");
        FakeServer.Request first = server.requests().get(0);
        assertThat(first.query()).isEqualTo("lines=5");
        assertThat(first.header("Accept")).startsWith("text/event-stream");
        assertThat(first.header("Authorization")).isEqualTo("Bearer " + FakeServer.TOKEN);
        assertThat(follow.done()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(follow.isOpen()).isFalse();
        assertThat(follow.lastEventId()).hasValue("c5");
    }

    @Test
    void aLogTheServerEndsAndHasNothingMoreForIsOver() {
        ScriptedEvents script = new ScriptedEvents(lines(2), List.of(new Connection.EndAfter(2)));
        server.on("GET", LOG, script);
        List<InstanceLogLines> received = new CopyOnWriteArrayList<>();

        LogFollow follow = client.instances().followLog(INSTANCE, 2, received::add);

        assertThat(follow.done()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(received).hasSize(2);
        assertThat(script.lastEventIds()).containsExactly("", "c2");
    }

    @Test
    void anUnknownInstanceIsRefusedAtOnce() {
        server.answer("GET", LOG, 404, "application/problem+json", WireFixtures.read("problem-not-found.json"));

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.instances().followLog(INSTANCE, 10, lines -> { }));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aServerThatStaysAwayEndsTheFollowWithTheReason() {
        Connection gone = new Connection.Refuse(503, "text/plain", "down");
        server.on("GET", LOG, new ScriptedEvents(lines(3), List.of(new Connection.EndAfter(1), gone, gone, gone, gone)));
        List<InstanceLogLines> received = new CopyOnWriteArrayList<>();

        LogFollow follow = client.instances().followLog(INSTANCE, 1, received::add);

        await().atMost(Duration.ofSeconds(10)).until(() -> !follow.isOpen());
        assertThat(received).hasSize(1);
        CompletionException e = catchThrowableOfType(CompletionException.class, () -> follow.done().join());
        assertThat(e.getCause()).isInstanceOfSatisfying(PaasmakerClientException.class, failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(failure.getMessage()).contains("the log of instance " + INSTANCE, "Last-Event-ID c1");
        });
    }

    @Test
    void aConsumerThatThrowsStopsTheFollow() {
        server.on("GET", LOG, new ScriptedEvents(lines(3), List.of(new Connection.Hold(3, release))));
        IllegalStateException full = new IllegalStateException("disk full");

        LogFollow follow = client.instances().followLog(INSTANCE, 3, lines -> {
            throw full;
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> !follow.isOpen());
        assertThat(follow.done()).failsWithin(Duration.ofSeconds(1)).withThrowableThat().havingCause().isSameAs(full);
    }
}
