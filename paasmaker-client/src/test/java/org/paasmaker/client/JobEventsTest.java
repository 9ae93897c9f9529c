package org.paasmaker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.WireFixtures;
import org.paasmaker.client.ScriptedEvents.Connection;

/** Following a job: typed events in order, resumed after a dropped connection with nothing lost or repeated. */
class JobEventsTest {

    private static final String JOB = "0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
    private static final String EVENTS = "jobs/" + JOB + "/events";

    @RegisterExtension
    final FakeServer server = new FakeServer();
    private final PaasmakerClient client = server.client();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void release() {
        release.countDown();
    }

    private ScriptedEvents script(List<ScriptedEvents.Event> events, Connection... plan) {
        ScriptedEvents script = new ScriptedEvents(events, List.of(plan));
        server.on("GET", EVENTS, script);
        return script;
    }

    /** The events as text, one a line, to compare with the script. */
    private static List<String> describe(List<JobEvent> events) {
        return events.stream().map(event -> {
            if (event instanceof JobEvent.State state) {
                return "state " + state.change().job().substring(0, 4) + " " + state.change().state();
            }
            if (event instanceof JobEvent.Log log) {
                return "log " + log.lines().text().strip();
            }
            return "end " + ((JobEvent.End) event).job().state();
        }).collect(Collectors.toList());
    }

    private static final List<String> WHOLE_JOB = List.of("state 0b6f RUNNING", "state d4c3 RUNNING", "log line 1",
            "log line 2", "log line 3", "state d4c3 FAILED", "state 0b6f FAILED", "end FAILED");

    private List<JobEvent> readAll() {
        List<JobEvent> read = new ArrayList<>();
        try (JobEvents events = client.jobs().follow(JOB)) {
            events.forEach(read::add);
        }
        return read;
    }

    @Test
    void aJobsEventsAreTypedRecordsEndingWithTheFinishedTree() {
        script(ScriptedEvents.job(3));
        List<JobEvent> read = new ArrayList<>();

        try (JobEvents events = client.jobs().follow(JOB)) {
            events.forEach(read::add);
            assertThat(events.ended()).isTrue();
            assertThat(events.lastEventId()).hasValue("c8");
        }

        assertThat(describe(read)).isEqualTo(WHOLE_JOB);
        assertThat(read.get(1)).isInstanceOfSatisfying(JobEvent.State.class, state -> {
            assertThat(state.change().parentId()).isEqualTo(JOB);
            assertThat(state.change().state()).isEqualTo(JobState.RUNNING);
        });
        assertThat(read.get(7)).isInstanceOfSatisfying(JobEvent.End.class,
                end -> Wire.assertIsFixture(end.job(), "job-json.json"));
        FakeServer.Request request = server.last();
        assertThat(request.header("Accept")).startsWith("text/event-stream");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeServer.TOKEN);
        assertThat(request.header("Last-Event-ID")).isNull();
    }

    @Test
    void aConnectionThatEndsEarlyIsResumedAfterTheLastEvent() {
        ScriptedEvents script = script(ScriptedEvents.job(3), new Connection.EndAfter(2), new Connection.EndAfter(3));

        assertThat(describe(readAll())).isEqualTo(WHOLE_JOB);
        assertThat(script.lastEventIds()).containsExactly("", "c2", "c5");
    }

    @Test
    void anEventCutInTheMiddleIsAskedForAgainWhole() {
        ScriptedEvents script = script(ScriptedEvents.job(3), new Connection.CutInEvent(2), new Connection.CutInEvent(0));

        assertThat(describe(readAll())).isEqualTo(WHOLE_JOB);
        assertThat(script.lastEventIds()).containsExactly("", "c2", "c2");
    }

    @Test
    void aDroppedConnectionIsResumed() {
        ScriptedEvents script = script(ScriptedEvents.job(3), new Connection.Drop(1), new Connection.Drop(4));

        assertThat(describe(readAll())).isEqualTo(WHOLE_JOB);
        assertThat(script.lastEventIds()).containsExactly("", "c1", "c5");
    }

    @Test
    void aServerThatStaysAwayEndsTheFollowAfterTheAttempts() {
        Connection gone = new Connection.Refuse(503, "text/html", "<html>Service Unavailable</html>");
        ScriptedEvents script = script(ScriptedEvents.job(3), new Connection.Drop(2), gone, gone, gone, gone);
        List<JobEvent> read = new ArrayList<>();

        PaasmakerClientException e;
        try (JobEvents events = client.jobs().follow(JOB)) {
            e = catchThrowableOfType(PaasmakerClientException.class, () -> events.forEach(read::add));
        }

        assertThat(describe(read)).isEqualTo(WHOLE_JOB.subList(0, 2));
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("while following job " + JOB, "3 attempts", "Last-Event-ID c2");
        assertThat(script.lastEventIds()).containsExactly("", "c2", "c2", "c2");
    }

    @Test
    void aJobThatIsGoneWhenReconnectingIsNotFound() {
        String gone = WireFixtures.read("problem-not-found.json");
        script(ScriptedEvents.job(3), new Connection.Drop(2), new Connection.Refuse(404, "application/problem+json", gone));

        try (JobEvents events = client.jobs().follow(JOB)) {
            PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, () -> events.forEach(event -> { }));

            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.status()).isEqualTo(404);
        }
    }

    @Test
    void anUnknownJobIsRefusedWhenFollowed() {
        server.answer("GET", EVENTS, 404, "application/problem+json", WireFixtures.read("problem-not-found.json"));

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, () -> client.jobs().follow(JOB));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingIteration() {
        script(ScriptedEvents.job(3), new Connection.Hold(2, release));
        JobEvents events = client.jobs().follow(JOB);
        List<JobEvent> read = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> events.forEach(read::add));

        await().until(() -> read.size() == 2);
        events.close();

        await().atMost(Duration.ofSeconds(10)).until(reading::isDone);
        assertThat(reading).isCompleted();
        assertThat(events.ended()).isFalse();
        assertThat(events.lastEventId()).hasValue("c2");
    }

    @Test
    void aFollowGoesOnFromAnotherFollowsLastEventId() {
        ScriptedEvents script = script(ScriptedEvents.job(3), new Connection.Hold(3, release));
        List<JobEvent> first = new ArrayList<>();
        String lastEventId;
        try (JobEvents events = client.jobs().follow(JOB)) {
            var iterator = events.iterator();
            for (int i = 0; i < 3; i++) {
                first.add(iterator.next());
            }
            lastEventId = events.lastEventId().orElseThrow();
        }
        List<JobEvent> rest;
        try (JobEvents events = client.jobs().follow(JOB, lastEventId)) {
            rest = events.stream().collect(Collectors.toList());
        }

        first.addAll(rest);
        assertThat(describe(first)).isEqualTo(WHOLE_JOB);
        assertThat(script.lastEventIds()).containsExactly("", "c3");
    }

    @Test
    void eventsOfUnknownTypesAreSkipped() {
        List<ScriptedEvents.Event> events = new ArrayList<>(ScriptedEvents.job(1));
        events.add(1, new ScriptedEvents.Event("progress", "{\"percent\": 50}"));
        script(events);

        assertThat(describe(readAll())).containsExactly("state 0b6f RUNNING", "state d4c3 RUNNING", "log line 1",
                "state d4c3 FAILED", "state 0b6f FAILED", "end FAILED");
    }

    @Test
    void theEventsCanBeReadOnce() {
        script(ScriptedEvents.job(1));
        try (JobEvents events = client.jobs().follow(JOB)) {
            assertThat(events.stream().count()).isEqualTo(6);
            assertThatThrownBy(events::iterator).isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
        }
    }

    @Test
    void awaitReturnsTheFinishedTreeEvenAcrossADrop() {
        script(ScriptedEvents.job(2), new Connection.Drop(3));

        JobJson finished = client.jobs().await(JOB, Duration.ofMinutes(1));

        Wire.assertIsFixture(finished, "job-json.json");
    }

    @Test
    void awaitGivesUpAtItsTimeoutSayingTheJobGoesOn() {
        script(ScriptedEvents.job(2), new Connection.Hold(2, release));

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.jobs().await(JOB, Duration.ofMillis(300)));

        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("job " + JOB + " did not finish within 300 ms", "goes on");
    }

    @Test
    void closingTheClientClosesItsFollows() {
        script(ScriptedEvents.job(3), new Connection.Hold(1, release));
        JobEvents events = client.jobs().follow(JOB);
        CompletableFuture<Long> counting = CompletableFuture.supplyAsync(() -> events.stream().count());

        client.close();

        await().atMost(Duration.ofSeconds(10)).until(counting::isDone);
        assertThat(counting).isCompleted();
    }
}
