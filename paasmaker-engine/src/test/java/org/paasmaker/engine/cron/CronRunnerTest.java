package org.paasmaker.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.cron.CronExpression;
import org.paasmaker.api.manifest.CronSpec;

class CronRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "app-7/web/0";
    private static final String OTHER_KEY = "app-7/web/1";

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(at("12:04:30"), ZoneOffset.UTC);
    private final Targets targets = new Targets();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void callsTheCronWithBasicAuthAtItsMinuteAndLogsTheCall() throws IOException {
        CronEndpoint endpoint = endpoint();
        targets.add(KEY, cron("*/5 * * * *", "/crons/task?token=x", "cron", "s3cret"), endpoint.base());
        CronRunner runner = runner(Duration.ofSeconds(300));

        assertThat(runner.runDue()).as("12:04:30").isZero();
        clock.set(at("12:05:10"));
        assertThat(runner.runDue()).as("12:05:10").isOne();

        List<JsonNode> log = awaitLines(runner, KEY, 1);
        assertThat(endpoint.requests()).containsExactly(new CronEndpoint.Request("/crons/task?token=x",
                Optional.of("Basic " + base64("cron:s3cret"))));
        JsonNode line = log.get(0);
        assertThat(line.get("outcome").asText()).isEqualTo("ok");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("slot").asText()).isEqualTo("2025-06-02T12:05:00Z");
        assertThat(line.get("time").asText()).isEqualTo("2025-06-02T12:05:10Z");
        assertThat(line.get("cron").asText()).isEqualTo(KEY);
        assertThat(line.get("uri").asText()).isEqualTo("/crons/task?token=x");
        assertThat(line.get("duration_ms").asLong()).isNotNegative();
        assertThat(line.get("body").asText()).isEqualTo("done");

        clock.set(at("12:05:50"));
        assertThat(runner.runDue()).as("the same minute again").isZero();
        assertThat(runner.log(KEY, 10)).hasSize(1);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).as("no temporary file left").extracting(file -> file.getFileName().toString())
                    .containsExactlyInAnyOrder("app-7~web~0.ledger", "app-7~web~0.log");
        }
    }

    @Test
    void twoRunnersOnOneSharedLedgerCallASlotOnce() throws IOException {
        CronEndpoint endpoint = endpoint();
        targets.add(KEY, cron("*/5 * * * *", "/once", null, null), endpoint.base());
        SharedLedger ledger = new SharedLedger();
        CronRunner first = sharing(ledger, directory.resolve("first"));
        CronRunner second = sharing(ledger, directory.resolve("second"));
        first.runDue();
        second.runDue();

        clock.set(at("12:05:10"));
        assertThat(first.runDue() + second.runDue()).as("calls started for 12:05").isOne();
        awaitLines(first, KEY, 1);
        clock.set(at("12:10:10"));
        assertThat(second.runDue() + first.runDue()).as("calls started for 12:10").isOne();

        awaitLines(second, KEY, 1);
        assertThat(endpoint.requests()).hasSize(2);
        assertThat(ledger.lastHandled(KEY)).contains(Instant.parse("2025-06-02T12:10:00Z"));
    }

    @Test
    void anUnreadableLedgerHoldsTheCronBackAndSaysHowToFixIt() throws IOException {
        CronEndpoint endpoint = endpoint();
        targets.add(KEY, cron("* * * * *", "/task", null, null), endpoint.base());
        Files.writeString(directory.resolve("app-7~web~0.ledger"), "not a time");
        clock.set(at("12:05:00"));
        CronRunner runner = runner(Duration.ofSeconds(300));

        assertThat(runner.runDue()).isZero();

        assertThat(lines(runner, KEY)).singleElement().satisfies(line -> {
            assertThat(line.get("outcome").asText()).isEqualTo("failed");
            assertThat(line.get("reason").asText()).contains("cannot read the cron ledger", "delete the file");
        });
    }

    @Test
    void sendsNoAuthorizationWithoutAUserAndAnEmptyPasswordWithAUserAlone() throws IOException {
        CronEndpoint endpoint = endpoint();
        targets.add(KEY, cron("* * * * *", "/plain", null, null), endpoint.base());
        targets.add(OTHER_KEY, cron("* * * * *", "/user-only", "cron", null), endpoint.base());
        CronRunner runner = runner(Duration.ofSeconds(300));

        assertThat(runner.runDue()).isEqualTo(2);

        awaitLines(runner, KEY, 1);
        awaitLines(runner, OTHER_KEY, 1);
        assertThat(endpoint.requests()).containsExactlyInAnyOrder(
                new CronEndpoint.Request("/plain", Optional.empty()),
                new CronEndpoint.Request("/user-only", Optional.of("Basic " + base64("cron:"))));
    }

    @Test
    void aRestartedRunnerNeverRunsASlotAgainAndLogsTheSlotsItMissed() throws IOException {
        CronEndpoint endpoint = endpoint();
        targets.add(KEY, cron("*/5 * * * *", "/crons/task", null, null), endpoint.base());
        CronRunner first = runner(Duration.ofSeconds(300));
        first.runDue();
        clock.set(at("12:05:10"));
        assertThat(first.runDue()).isOne();
        awaitLines(first, KEY, 1);
        first.close();

        clock.set(at("12:05:40"));
        CronRunner second = runner(Duration.ofSeconds(300));
        assertThat(second.runDue()).as("12:05 ran before the restart").isZero();

        clock.set(at("12:21:00"));
        assertThat(second.runDue()).isOne();
        List<JsonNode> log = awaitLines(second, KEY, 4);
        assertThat(log).extracting(line -> line.get("slot").asText() + " " + line.get("outcome").asText())
                .containsExactly(
                        "2025-06-02T12:05:00Z ok",
                        "2025-06-02T12:10:00Z missed",
                        "2025-06-02T12:15:00Z missed",
                        "2025-06-02T12:20:00Z ok");
        assertThat(log.get(1).get("reason").asText()).contains("not running");
        assertThat(endpoint.requests()).hasSize(2);
    }

    @Test
    void aSlotWhoseCallWasCutShortByAStopIsNotRunAgainAfterTheRestart() throws IOException {
        CronEndpoint endpoint = endpoint();
        endpoint.hold();
        targets.add(KEY, cron("*/5 * * * *", "/slow", null, null), endpoint.base());
        clock.set(at("12:05:10"));
        CronRunner first = runner(Duration.ofSeconds(300));
        assertThat(first.runDue()).isOne();
        await().until(() -> endpoint.requests().size() == 1);

        first.close();

        assertThat(lines(first, KEY)).singleElement().satisfies(line -> {
            assertThat(line.get("outcome").asText()).isEqualTo("failed");
            assertThat(line.get("reason").asText()).isEqualTo("the cron runner stopped during the call");
        });
        clock.set(at("12:05:40"));
        assertThat(runner(Duration.ofSeconds(300)).runDue()).isZero();
    }

    @Test
    void aFailingEndpointIsLoggedAsFailedAndTheNextSlotStillRuns() throws IOException {
        CronEndpoint endpoint = endpoint();
        endpoint.answer(500, "boom");
        targets.add(KEY, cron("* * * * *", "/task", null, null), endpoint.base());
        clock.set(at("12:05:00"));
        CronRunner runner = runner(Duration.ofSeconds(300));

        runner.runDue();
        JsonNode failed = awaitLines(runner, KEY, 1).get(0);
        endpoint.answer(200, "fine");
        clock.set(at("12:06:00"));
        runner.runDue();
        JsonNode ok = awaitLines(runner, KEY, 2).get(1);

        assertThat(failed.get("outcome").asText()).isEqualTo("failed");
        assertThat(failed.get("status").asInt()).isEqualTo(500);
        assertThat(failed.get("body").asText()).isEqualTo("boom");
        assertThat(failed.get("reason").asText()).isEqualTo("the answer's status is 500");
        assertThat(ok.get("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void aRefusedConnectionIsLoggedAsFailedAndTheNextSlotStillRuns() throws IOException {
        URI closedPort = closedPort();
        targets.add(KEY, cron("* * * * *", "/task", null, null), closedPort);
        clock.set(at("12:05:00"));
        CronRunner runner = runner(Duration.ofSeconds(300));

        runner.runDue();
        JsonNode refused = awaitLines(runner, KEY, 1).get(0);
        CronEndpoint endpoint = endpoint();
        targets.add(KEY, cron("* * * * *", "/task", null, null), endpoint.base());
        clock.set(at("12:06:00"));
        runner.runDue();
        JsonNode ok = awaitLines(runner, KEY, 2).get(1);

        assertThat(refused.get("outcome").asText()).isEqualTo("failed");
        assertThat(refused.has("status")).isFalse();
        assertThat(refused.get("reason").asText()).contains("ConnectException");
        assertThat(ok.get("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void aCallWithoutAnAnswerInTimeIsLoggedAsFailed() throws IOException {
        CronEndpoint endpoint = endpoint();
        endpoint.hold();
        targets.add(KEY, cron("* * * * *", "/stuck", null, null), endpoint.base());
        clock.set(at("12:05:00"));
        CronRunner runner = runner(Duration.ofMillis(200));

        runner.runDue();

        JsonNode line = awaitLines(runner, KEY, 1).get(0);
        assertThat(line.get("outcome").asText()).isEqualTo("failed");
        assertThat(line.get("reason").asText()).isEqualTo("no complete answer within 200 ms");
        endpoint.release();
        clock.set(at("12:06:00"));
        assertThat(runner.runDue()).as("the next slot").isOne();
        assertThat(awaitLines(runner, KEY, 2).get(1).get("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void aSlotThatComesWhileThePreviousRunIsStillGoingIsSkippedWhileOtherCronsRun() throws IOException {
        CronEndpoint slow = endpoint();
        slow.hold();
        CronEndpoint fast = endpoint();
        targets.add(KEY, cron("* * * * *", "/slow", null, null), slow.base());
        clock.set(at("12:05:00"));
        CronRunner runner = runner(Duration.ofSeconds(300));
        assertThat(runner.runDue()).isOne();
        await().until(() -> slow.requests().size() == 1);

        targets.add(OTHER_KEY, cron("* * * * *", "/fast", null, null), fast.base());
        clock.set(at("12:06:00"));
        assertThat(runner.runDue()).as("only the other cron").isOne();

        assertThat(awaitLines(runner, OTHER_KEY, 1).get(0).get("outcome").asText()).isEqualTo("ok");
        assertThat(lines(runner, KEY)).singleElement().satisfies(line -> {
            assertThat(line.get("slot").asText()).isEqualTo("2025-06-02T12:06:00Z");
            assertThat(line.get("outcome").asText()).isEqualTo("skipped");
            assertThat(line.get("reason").asText()).isEqualTo("the previous run is still going");
        });
        slow.release();
        JsonNode ended = awaitLines(runner, KEY, 2).get(1);
        assertThat(ended.get("slot").asText()).isEqualTo("2025-06-02T12:05:00Z");
        assertThat(ended.get("outcome").asText()).isEqualTo("ok");
        clock.set(at("12:07:00"));
        assertThat(runner.runDue()).isEqualTo(2);
        await().until(() -> slow.requests().size() == 2);
    }

    @Test
    void aSlotWithoutARunningInstanceIsSkipped() {
        targets.add(KEY, cron("* * * * *", "/task", null, null), null);
        clock.set(at("12:05:00"));
        CronRunner runner = runner(Duration.ofSeconds(300));

        assertThat(runner.runDue()).isZero();

        assertThat(lines(runner, KEY)).singleElement().satisfies(line -> {
            assertThat(line.get("outcome").asText()).isEqualTo("skipped");
            assertThat(line.get("reason").asText()).isEqualTo("no running instance");
        });
    }

    @Test
    void dailyFiresAtMidnightUtcWhateverTheClocksZone() throws IOException {
        CronEndpoint endpoint = endpoint();
        targets.add(KEY, cron("@daily", "/nightly", null, null), endpoint.base());
        MutableClock newYork = new MutableClock(Instant.parse("2025-06-02T23:59:30Z"), ZoneId.of("America/New_York"));
        CronRunner runner = new CronRunner(targets, directory, newYork, warnings::add, Duration.ofSeconds(300));
        closeAfter.add(runner);

        assertThat(runner.runDue()).as("a minute before midnight UTC").isZero();
        newYork.set(Instant.parse("2025-06-03T00:00:10Z"));
        assertThat(runner.runDue()).as("midnight UTC").isOne();
        newYork.set(Instant.parse("2025-06-03T04:00:10Z"));
        assertThat(runner.runDue()).as("midnight in New York").isZero();

        assertThat(awaitLines(runner, KEY, 1).get(0).get("slot").asText()).isEqualTo("2025-06-03T00:00:00Z");
    }

    @Test
    void aCronSeenForTheFirstTimeStartsNowWithoutMissedSlots() throws IOException {
        CronEndpoint endpoint = endpoint();
        targets.add(KEY, cron("* * * * *", "/task", null, null), endpoint.base());
        clock.set(at("12:05:30"));
        CronRunner runner = runner(Duration.ofSeconds(300));

        assertThat(runner.runDue()).as("its first minute runs").isOne();

        assertThat(awaitLines(runner, KEY, 1)).singleElement()
                .satisfies(line -> assertThat(line.get("slot").asText()).isEqualTo("2025-06-02T12:05:00Z"));
    }

    @Test
    void keepsOnlyTheStartOfALongBodyOnOneLine() throws IOException {
        CronEndpoint endpoint = endpoint();
        String body = "line one\nline two\u0001\t" + "é".repeat(3000);
        endpoint.answer(200, body);
        targets.add(KEY, cron("* * * * *", "/chatty", null, null), endpoint.base());
        clock.set(at("12:05:00"));
        CronRunner runner = runner(Duration.ofSeconds(300));

        runner.runDue();

        String logged = awaitLines(runner, KEY, 1).get(0).get("body").asText();
        assertThat(body).startsWith(logged);
        assertThat(logged.getBytes(StandardCharsets.UTF_8)).hasSizeBetween(CronCall.BODY_START_BYTES - 1,
                CronCall.BODY_START_BYTES);
    }

    @Test
    void checksByItselfOnceStartedAndItsThreadsEndOnClose() throws IOException {
        CronEndpoint endpoint = endpoint();
        endpoint.hold();
        targets.add(KEY, cron("* * * * *", "/stuck", null, null), endpoint.base());
        clock.set(at("12:05:00"));
        CronRunner runner = runner(Duration.ofSeconds(300));

        runner.start(() -> true);
        await().until(() -> endpoint.requests().size() == 1);
        runner.close();

        assertThat(runner.runDue()).as("closed").isZero();
        await().until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("paasmaker-cron-")));
    }

    private CronRunner runner(Duration callTimeout) {
        CronRunner runner = new CronRunner(targets, directory, clock, warnings::add, callTimeout);
        closeAfter.add(runner);
        return runner;
    }

    private CronRunner sharing(SharedLedger ledger, Path directory) {
        CronRunner runner = new CronRunner(targets, directory, Optional.of(ledger), clock, warnings::add,
                Duration.ofSeconds(300));
        closeAfter.add(runner);
        return runner;
    }

    private CronEndpoint endpoint() throws IOException {
        CronEndpoint endpoint = new CronEndpoint();
        closeAfter.add(endpoint);
        return endpoint;
    }

    private static List<JsonNode> awaitLines(CronRunner runner, String key, int count) {
        await().until(() -> runner.log(key, 100).size() >= count);
        return lines(runner, key);
    }

    private static List<JsonNode> lines(CronRunner runner, String key) {
        return runner.log(key, 100).stream().map(CronRunnerTest::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CronSpec cron(String runspec, String uri, String username, String password) {
        return new CronSpec(CronExpression.parse(runspec), uri, Optional.ofNullable(username),
                Optional.ofNullable(password));
    }

    private static Instant at(String time) {
        return Instant.parse("2025-06-02T" + time + "Z");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    /** The engine's side: crons in the order added, and where their instances run. */
    private static final class Targets implements CronTargets {

        private final Map<String, CronJob> jobs = new ConcurrentHashMap<>();
        private final Map<String, URI> uris = new ConcurrentHashMap<>();
        private final List<String> order = new CopyOnWriteArrayList<>();

        /** @param uri null when no instance runs */
        void add(String key, CronSpec spec, URI uri) {
            if (jobs.put(key, new CronJob(key, spec)) == null) {
                order.add(key);
            }
            if (uri == null) {
                uris.remove(key);
            } else {
                uris.put(key, uri);
            }
        }

        @Override
        public List<CronJob> crons() {
            return order.stream().map(jobs::get).toList();
        }

        @Override
        public Optional<URI> target(String key) {
            return Optional.ofNullable(uris.get(key));
        }
    }
}
