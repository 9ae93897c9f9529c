package org.paasmaker.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.ShiftableClock;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/**
 * The placement plugin over three real nodes on this machine, each on a loopback address of its own
 * with its own tags: instances spread one per node, answer at their node's address (routes point
 * there), see their own node's tags, follow the manifest's placement tags, and a version no node can
 * run fails placement naming what is missing.
 */
class PlacementAcrossNodesTest {

    private static final String SERVE = String.join("\n",
            "#!/bin/sh",
            "echo \"metadata: $PM_METADATA\"",
            "exec python3 -m http.server \"$1\"",
            "");

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Router router;
    private EngineFixture fixture;

    @BeforeEach
    void start() throws Exception {
        router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
        fixture = engine(true);
    }

    /** The engine on the test's home: its own node and a second one, and a third unless left out. */
    private EngineFixture engine(boolean withThird) {
        return new EngineFixture(temp.resolve("home"), builder -> {
            builder.router(router).node("second", "127.0.0.2", Map.of("rack", "b"), new PortRange(43510, 43529));
            return withThird ? builder.node("third", "127.0.0.3", Map.of("rack", "c"), new PortRange(43530, 43549))
                    : builder;
        });
    }

    @AfterEach
    void stop() {
        EngineFixture.tearDown(fixture, () -> router.close());
    }

    @Test
    void threeInstancesGoOnePerNodeAndAnswerAtTheirNodesAddressWithItsTags() throws Exception {
        VersionId version = prepare("""
                quantity: 3
                """);

        JobView started = fixture.succeed(fixture.engine().versions().start(version));

        List<Instance> running = running(version);
        assertThat(running).as(fixture.logs(started)).extracting(Instance::node)
                .containsExactlyInAnyOrder("local", "second", "third");
        Map<String, String> addresses = Map.of("local", "127.0.0.1", "second", "127.0.0.2", "third", "127.0.0.3");
        for (Instance instance : running) {
            String address = addresses.get(instance.node());
            int port = instance.port().getAsInt();
            assertThat(get(address, port)).isEqualTo(200);
            assertThat(fixture.engine().versions().instanceLog(instance.id(), 5)).contains(switch (instance.node()) {
                case "second" -> "\"node\":{\"rack\":\"b\"}";
                case "third" -> "\"node\":{\"rack\":\"c\"}";
                default -> "\"node\":{\"region\":\"test\"}";
            });
        }
        Set<String> targets = fixture.engine().routes().table().routes().stream()
                .filter(route -> route.hostname().startsWith("1.web."))
                .map(Route::targets).flatMap(List::stream)
                .map(target -> target.host() + ":" + target.port()).collect(Collectors.toSet());
        assertThat(targets).isEqualTo(running.stream()
                .map(i -> addresses.get(i.node()) + ":" + i.port().getAsInt()).collect(Collectors.toSet()));
        assertThat(fixture.engine().nodes().list()).extracting(node -> node.name() + "=" + node.runningInstances())
                .containsExactly("local=1", "second=1", "third=1");
    }

    @Test
    void theManifestsPlacementTagsKeepEveryInstanceOnTheNodesThatCarryThem() {
        VersionId version = prepare("""
                quantity: 2
                placement:
                  plugin: paasmaker.placement.default
                  parameters: {tags: {rack: b}}
                """);

        JobView started = fixture.succeed(fixture.engine().versions().start(version));

        assertThat(running(version)).as(fixture.logs(started)).extracting(Instance::node)
                .containsExactly("second", "second");
    }

    @Test
    void aVersionNoNodeCanRunFailsPlacementNamingWhatIsMissing() {
        VersionId tagged = prepare("""
                quantity: 1
                placement:
                  plugin: paasmaker.placement.default
                  parameters: {tags: {rack: z}}
                """);

        JobView failed = fixture.engine().jobs().await(fixture.engine().versions().start(tagged), EngineFixture.JOB_TIMEOUT);

        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(fixture.logs(failed)).contains("has the placement tags {rack=z}")
                .contains("second: {rack=b}").contains("third: {rack=c}");
        assertThat(fixture.engine().versions().instances(tagged)).isEmpty();
    }

    @Test
    void anInstanceOnANodeTheRestartedControllerDoesNotKnowIsLostAfterTheNodeTimeoutAndReplacedOnTheOthers() {
        VersionId version = prepare("""
                quantity: 3
                """);
        fixture.succeed(fixture.engine().versions().start(version));
        fixture.close();

        fixture = engine(false);

        Instance lost = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.node().equals("third")).findFirst().orElseThrow();
        // Its node may yet come back (an agent registering late): it is lost only after the node timeout.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> fixture.engine().versions().instance(lost.id()).state() == InstanceState.DOWN);
        assertThat(fixture.engine().versions().instance(lost.id()).reason()).isEqualTo("its node 'third' has not"
                + " reported since this controller started; a new instance replaces it on another node");
        await().atMost(Duration.ofSeconds(60)).until(() -> running(version).size() == 3);
        assertThat(running(version)).extracting(Instance::node).containsExactlyInAnyOrder("local", "local", "second");

        // Its process still runs on the third node: known again, that node stops it at once.
        fixture.close();
        fixture = engine(true);
        assertThat(fixture.engine().versions().instance(lost.id()).state()).isEqualTo(InstanceState.DOWN);
        assertThat(fixture.engine().versions().instances(version).stream()
                .filter(i -> i.node().equals("third") && i.state() == InstanceState.RUNNING)).isEmpty();
    }

    @Test
    void anInstanceListeningOnlyOnItsNodesAddressIsStartedProbedRoutedAndCalledByItsCronThere() throws Exception {
        ShiftableClock clock = new ShiftableClock(Instant.parse("2030-01-07T12:03:00Z"));
        fixture.close();
        fixture = new EngineFixture(temp.resolve("home-with-clock"), builder -> builder.clock(clock).router(router)
                .node("second", "127.0.0.2", Map.of("rack", "b"), new PortRange(43550, 43569)));
        VersionId version = prepare("""
                quantity: 1
                placement:
                  plugin: paasmaker.placement.default
                  parameters: {tags: {rack: b}}
                crons:
                  - runspec: '* * * * *'
                    uri: /serve.sh
                """, "exec python3 -m http.server \"$1\" --bind 127.0.0.2");
        fixture.succeed(fixture.engine().versions().start(version));
        fixture.succeed(fixture.engine().versions().makeCurrent(version));
        Instance web = running(version).get(0);
        int port = web.port().getAsInt();
        assertThat(web.node()).isEqualTo("second");
        assertThat(get("127.0.0.2", port)).isEqualTo(200);

        String key = fixture.engine().crons().keys(fixture.engine().versions().get(version).applicationId()).get(0);
        clock.set(Instant.parse("2030-01-07T12:04:58Z"));
        List<String> log = await().atMost(Duration.ofSeconds(60))
                .until(() -> fixture.engine().crons().log(key, 10), lines -> !lines.isEmpty());

        assertThat(log.get(0)).contains("\"outcome\":\"ok\"").contains("\"status\":200");
        assertThat(fixture.engine().routes().table().routes()).flatExtracting(Route::targets)
                .extracting(target -> target.host() + ":" + target.port()).contains("127.0.0.2:" + port);
        // The health rounds that ran meanwhile (one a second) probed it at its node's address, where alone it
        // listens: it is still the one instance, RUNNING, not replaced.
        assertThat(fixture.engine().versions().instances(version)).extracting(Instance::state)
                .containsExactly(InstanceState.RUNNING);
    }

    private VersionId prepare(String placement) {
        return prepare(placement, "exec python3 -m http.server \"$1\"");
    }

    private VersionId prepare(String placement, String serve) {
        try {
            Path app = EngineFixture.writeApp(temp.resolve("app-" + System.nanoTime()), Map.of(
                    "serve.sh", SERVE.replace("exec python3 -m http.server \"$1\"", serve),
                    "manifest.yml", """
                            manifest: {format: 1}
                            application: {name: spread}
                            instances:
                              - name: web
                                runtime:
                                  plugin: paasmaker.runtime.shell
                                  version: 1
                                  parameters: {launch_command: "sh ./serve.sh %(port)d"}
                            """ + placement.indent(4)));
            JobView prepared = fixture.prepare(SourceSpec.directory(app));
            assertThat(prepared.state()).as(fixture.logs(prepared)).isEqualTo(JobState.SUCCESS);
            return new VersionId(Long.parseLong(prepared.tags().get("version_id")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Instance> running(VersionId version) {
        return fixture.engine().versions().instances(version).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).toList();
    }

    private int get(String address, int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
