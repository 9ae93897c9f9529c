package org.paasmaker.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.api.node.NodeSummary;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.ProcessesUnder;
import org.paasmaker.engine.ShiftableClock;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/**
 * The controller's judgement of nodes whose agents report, over three real nodes on this machine (the
 * engine's own, and two on loopback addresses of their own whose reports the test makes, as their
 * agents would): a silent node is DOWN after the timeout, its instances leave the routes and run again
 * on the others; when it reports again it stops what was replaced meanwhile, so nothing runs twice;
 * and the brakes hold: never more than half of the nodes DOWN, nothing judged in the first timeout
 * after the controller's start.
 */
class NodeFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Long enough that the test sees the first timeout after a start not yet passed (its clock runs on). */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final Set<String> reporting = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService agents = Executors.newSingleThreadScheduledExecutor();
    private Router router;
    private EngineFixture fixture;

    @AfterEach
    void stop() {
        agents.shutdownNow();
        try {
            if (fixture != null) {
                fixture.stopEverything();
                fixture.close();
            }
        } finally {
            if (router != null) {
                router.close();
            }
            ProcessesUnder.kill(temp);
        }
    }

    @Test
    void aSilentNodesInstancesRunAgainElsewhereAndItStopsThemWhenItReturns() throws Exception {
        start(builder -> builder);
        VersionId version = prepare();
        JobView started = fixture.succeed(fixture.engine().versions().start(version));
        Instance onThird = running(version).stream().filter(i -> i.node().equals("third")).findFirst()
                .orElseThrow(() -> new AssertionError(fixture.logs(started)));
        int port = onThird.port().getAsInt();

        reporting.remove("third");

        await().atMost(Duration.ofSeconds(30)).until(() -> node("third").state() == NodeState.DOWN);
        Instance lost = fixture.engine().versions().instance(onThird.id());
        assertThat(lost.state()).isEqualTo(InstanceState.DOWN);
        assertThat(lost.reason()).startsWith("its node 'third' stopped reporting at ")
                .endsWith("; a new instance replaces it on another node");
        await().atMost(Duration.ofSeconds(60)).until(() -> running(version).size() == 3);
        assertThat(running(version)).extracting(Instance::node).doesNotContain("third");
        assertThat(targets()).noneMatch(target -> target.startsWith("127.0.0.3:"));
        // Its agent was only silent: the instance still answers on its node, counted by no one.
        assertThat(listens("127.0.0.3", port)).isTrue();

        reporting.add("third");

        await().atMost(Duration.ofSeconds(30)).until(() -> node("third").state() == NodeState.ACTIVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> !listens("127.0.0.3", port));
        assertThat(running(version)).hasSize(3).extracting(Instance::node).doesNotContain("third");
        assertThat(fixture.engine().versions().instance(onThird.id()).state()).isEqualTo(InstanceState.DOWN);
    }

    @Test
    void aStartWhoseInstanceIsLostMeanwhileFailsSayingSoRatherThanCallingItStarted() throws Exception {
        start(builder -> builder);
        Path waiting = temp.resolve("waiting");
        Path gate = temp.resolve("gate");
        VersionId version = prepareGatedOnThird(waiting, gate);
        JobId start = fixture.engine().versions().start(version);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(waiting));

        try {
            reporting.remove("third");
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.engine().versions().instances(version).get(0)
                    .state() == InstanceState.DOWN);
        } finally {
            Files.createFile(gate); // also after a failure: a start still waiting would hold the clean-up back
        }

        JobView started = fixture.engine().jobs().await(start, EngineFixture.JOB_TIMEOUT);
        assertThat(started.state()).as(fixture.logs(started)).isEqualTo(JobState.FAILED);
        assertThat(fixture.logs(started)).contains("became DOWN while its process started (its node 'third' stopped"
                + " reporting at ").contains("it is not counted as started");
        assertThat(fixture.engine().versions().instances(version)).singleElement()
                .satisfies(lost -> assertThat(lost.state()).isEqualTo(InstanceState.ERROR));
        assertThat(fixture.engine().versions().get(version).state()).isNotEqualTo(VersionState.RUNNING);
    }

    @Test
    void neverMoreThanHalfOfTheNodesAreDown() {
        ShiftableClock clock = new ShiftableClock(Instant.parse("2030-01-07T12:00:00Z"));
        start(builder -> builder.clock(clock));
        reporting.clear();

        clock.set(Instant.parse("2030-01-07T12:00:00Z").plus(TIMEOUT.multipliedBy(3)));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(NodeState.DOWN) == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> count(NodeState.DOWN) == 1);
        assertThat(fixture.engine().nodes().list()).extracting(NodeSummary::state)
                .containsExactlyInAnyOrder(NodeState.ACTIVE, NodeState.ACTIVE, NodeState.DOWN);
    }

    @Test
    void instancesOnANodeNotYetBackAfterTheControllersRestartWaitForTheFirstTimeout() {
        ShiftableClock clock = new ShiftableClock(Instant.parse("2030-01-07T12:00:00Z"));
        start(builder -> builder.clock(clock).nodeWatch(new NodeWatchSettings(LONG_TIMEOUT, 10)));
        VersionId version = prepare();
        fixture.succeed(fixture.engine().versions().start(version));
        Instance onThird = running(version).stream().filter(i -> i.node().equals("third")).findFirst().orElseThrow();
        fixture.close();

        Instant restart = Instant.parse("2030-01-07T13:00:00Z");
        clock.set(restart);
        fixture = new EngineFixture(temp.resolve("home"), builder -> settings(builder).clock(clock)
                .nodeWatch(new NodeWatchSettings(LONG_TIMEOUT, 10))
                .node("second", "127.0.0.2", Map.of("rack", "b"), new PortRange(44800, 44819)));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> fixture.engine().versions().instance(onThird.id()), i -> i.state() == InstanceState.RUNNING);

        clock.set(restart.plus(LONG_TIMEOUT).plusSeconds(1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> fixture.engine().versions().instance(onThird.id()).state() == InstanceState.DOWN);
        assertThat(fixture.engine().versions().instance(onThird.id()).reason()).isEqualTo("its node 'third' has not"
                + " reported since this controller started; a new instance replaces it on another node");
        await().atMost(Duration.ofSeconds(60)).until(() -> running(version).size() == 3);

        // Known again after another restart, the third node stops the process no record counts as its own.
        fixture.close();
        start(builder -> builder.clock(clock));
        await().atMost(Duration.ofSeconds(30)).until(() -> !listens("127.0.0.3", onThird.port().getAsInt()));
    }

    /** The engine with its own node and two more, whose reports the test makes for the ones in {@link #reporting}. */
    private void start(UnaryOperator<Paasmaker.Builder> more) {
        if (router == null) {
            router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
        }
        fixture = new EngineFixture(temp.resolve("home"), builder -> more.apply(settings(builder))
                .node("second", "127.0.0.2", Map.of("rack", "b"), new PortRange(44800, 44819))
                .node("third", "127.0.0.3", Map.of("rack", "c"), new PortRange(44820, 44839)));
        reporting.addAll(List.of("second", "third"));
        report();
        agents.scheduleWithFixedDelay(this::report, 200, 200, TimeUnit.MILLISECONDS);
    }

    private Paasmaker.Builder settings(Paasmaker.Builder builder) {
        return builder.router(router).nodeWatch(new NodeWatchSettings(TIMEOUT, 10));
    }

    private void report() {
        EngineFixture engine = fixture;
        reporting.forEach(name -> {
            try {
                engine.engine().nodes().heard(name);
            } catch (RuntimeException e) {
                // The engine is being replaced by the test; the next report goes to the new one.
            }
        });
    }

    private VersionId prepare() {
        try {
            Path app = EngineFixture.writeApp(temp.resolve("app-" + System.nanoTime()), Map.of(
                    "manifest.yml", """
                            manifest: {format: 1}
                            application: {name: spread}
                            instances:
                              - name: web
                                quantity: 3
                                runtime:
                                  plugin: paasmaker.runtime.shell
                                  version: 1
                                  parameters: {launch_command: "python3 -m http.server %(port)d"}
                            """));
            JobView prepared = fixture.prepare(SourceSpec.directory(app));
            assertThat(prepared.state()).as(fixture.logs(prepared)).isEqualTo(JobState.SUCCESS);
            return new VersionId(Long.parseLong(prepared.tags().get("version_id")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One instance, placed on the third node, whose startup command says it waits, then waits for the gate. */
    private VersionId prepareGatedOnThird(Path waiting, Path gate) throws IOException {
        return fixture.prepareFolder(EngineFixture.writeGatedApp(temp.resolve("gated"), waiting, gate, """
                    placement:
                      plugin: paasmaker.placement.default
                      parameters: {tags: {rack: c}}
                """)).id();
    }

    private NodeSummary node(String name) {
        return fixture.engine().nodes().list().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private long count(NodeState state) {
        return fixture.engine().nodes().list().stream().filter(n -> n.state() == state).count();
    }

    private List<Instance> running(VersionId version) {
        return fixture.engine().versions().instances(version).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).toList();
    }

    private Set<String> targets() {
        return Set.copyOf(fixture.engine().routes().table().routes().stream().map(Route::targets).flatMap(List::stream)
                .map(target -> target.host() + ":" + target.port()).toList());
    }

    private static boolean listens(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
