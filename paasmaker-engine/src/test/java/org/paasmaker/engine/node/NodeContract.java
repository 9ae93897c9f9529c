package org.paasmaker.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.manifest.PluginSpec;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * What every {@link Node} must do, seen from the controller's side alone: the verbs of the node port
 * on real processes, reached at the address the node gives. The local node runs it; a node on another
 * machine extends it too, so the controller cannot tell them apart.
 */
public abstract class NodeContract {

    private static final String SHELL = "paasmaker.runtime.shell";
    /** Serves HTTP on $1 and says what it was given; python3 is on every machine the platform runs on. */
    private static final String SERVE = String.join("\n",
            "#!/bin/sh",
            "echo \"serving on $1 with $PM_METADATA\"",
            "exec python3 -m http.server \"$1\"",
            "");

    @TempDir
    protected Path temp;

    protected Node node;
    private String checksum;
    private final List<InstanceId> registered = new ArrayList<>();
    private final Map<InstanceId, OptionalInt> ports = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A node, new or on a fresh home, that offers version 1 of the shell runtime. */
    protected abstract Node newNode();

    /** Stores the tree's package where the node fetches packages from; its checksum. */
    protected abstract String publish(Path tree);

    @BeforeEach
    void createNodeAndPackage() throws Exception {
        node = newNode();
        Path tree = Files.createDirectories(temp.resolve("contract-tree"));
        Files.writeString(tree.resolve("serve.sh"), SERVE);
        tree.resolve("serve.sh").toFile().setExecutable(true);
        Files.writeString(tree.resolve("fails.sh"), "#!/bin/sh\necho 'cannot start: no config'\nexit 3\n");
        tree.resolve("fails.sh").toFile().setExecutable(true);
        Files.writeString(tree.resolve("works.sh"), "#!/bin/sh\necho working\nexec sleep 600\n");
        tree.resolve("works.sh").toFile().setExecutable(true);
        checksum = publish(tree);
    }

    @AfterEach
    void deregisterEverything() {
        registered.forEach(node::deregister);
    }

    @Test
    void itsProfileNamesItAndSaysWhereAndWhatItRuns() {
        NodeProfile profile = node.profile();

        assertThat(profile.name()).isEqualTo(node.name());
        assertThat(profile.address()).isNotBlank();
        assertThat(profile.runtimes()).containsKey(SHELL);
        assertThat(profile.runtimes().get(SHELL)).contains("1");
    }

    @Test
    void aRegisteredInstanceStartsServesAtTheNodesAddressIsProbedStopsAndIsDeregistered() throws Exception {
        InstanceId instance = register(true);
        int port = portOf(instance);
        assertThat(node.profile().ports().contains(port)).isTrue();

        node.start(instance, serving(port), new NodeStep());

        assertThat(node.isAlive(instance)).isTrue();
        assertThat(node.running()).contains(instance);
        assertThat(node.probe(instance, port)).isTrue();
        assertThat(get(port)).isEqualTo(200);
        assertThat(node.exitStatus(instance)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> node.logTail(instance, 10).contains(
                "serving on " + port + " with {\"node\": {\"rack\": \"a\"}}"));

        node.stop(instance, Duration.ofSeconds(5));

        assertThat(node.isAlive(instance)).isFalse();
        assertThat(node.running()).doesNotContain(instance);
        await().atMost(Duration.ofSeconds(10)).until(() -> !node.probe(instance, port));
        assertThat(node.logTail(instance, 10)).contains("serving on " + port);

        node.deregister(instance);
        registered.remove(instance);
        assertThat(node.logAfter(instance, 0, 1024)).isEqualTo(new Node.LogLines("", 0));
    }

    @Test
    void anInstanceWhoseProcessEndedIsRestartedInPlaceOnItsPort() throws Exception {
        InstanceId instance = register(true);
        int port = portOf(instance);
        node.start(instance, serving(port), new NodeStep());
        assertThatThrownBy(() -> node.restart(instance, serving(port), new NodeStep()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        node.stop(instance, Duration.ofSeconds(5));

        node.restart(instance, serving(port), new NodeStep());

        assertThat(node.isAlive(instance)).isTrue();
        assertThat(get(port)).isEqualTo(200);
    }

    @Test
    void startupCommandsRunOnTheNodeInTheInstancesDirectoryAndOnlyTheirOutputReachesTheStep() throws Exception {
        InstanceId instance = register(true);
        int port = portOf(instance);
        PluginSpec startup = new PluginSpec("paasmaker.startup.shell", PluginParameters.of(Map.of("commands", List.of(
                "echo \"startup sees $PM_METADATA\"", "echo made-at-startup > made.txt", "test -x serve.sh"))),
                java.util.Optional.empty());
        InstanceStart serving = serving(port);
        NodeStep step = new NodeStep();

        node.start(instance, new InstanceStart(serving.name(), serving.runtime(), List.of(startup), serving.port(),
                serving.environment()), step);

        assertThat(step.lines()).contains("startup sees {\"node\": {\"rack\": \"a\"}}");
        HttpRequest made = HttpRequest.newBuilder(URI.create("http://" + node.profile().address() + ":" + port
                + "/made.txt")).timeout(Duration.ofSeconds(5)).build();
        assertThat(http.send(made, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("made-at-startup\n");
    }

    @Test
    void aFailingStartupCommandFailsTheStartAndLeavesNoProcess() {
        InstanceId instance = register(true);
        int port = portOf(instance);
        PluginSpec startup = new PluginSpec("paasmaker.startup.shell", PluginParameters.of(Map.of("commands",
                List.of("echo 'migrating'", "exit 7"))), java.util.Optional.empty());
        InstanceStart serving = serving(port);
        NodeStep step = new NodeStep();

        assertThatThrownBy(() -> node.start(instance, new InstanceStart(serving.name(), serving.runtime(),
                List.of(startup), serving.port(), serving.environment()), step)).isInstanceOf(PaasmakerException.class);

        assertThat(step.lines()).contains("migrating");
        assertThat(node.isAlive(instance)).isFalse();
        assertThat(node.running()).doesNotContain(instance);
    }

    @Test
    void anInstanceThatFailsToStartLeavesNoProcessAndItsLogSaysWhy() {
        InstanceId instance = register(true);
        int port = portOf(instance);

        assertThatThrownBy(() -> node.start(instance, start("./fails.sh", OptionalInt.of(port)), new NodeStep()))
                .isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED));

        assertThat(node.isAlive(instance)).isFalse();
        assertThat(node.running()).doesNotContain(instance);
        // The instance's log writer is a process of its own: its last lines land a moment after the exit.
        await("the instance's log to say why").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(node.logTail(instance, 10)).contains("cannot start: no config"));
    }

    @Test
    void aStandaloneInstanceHasNoPortAndIsReleasedWithItsLogKept() {
        InstanceId instance = register(false);
        assertThat(registered).contains(instance);

        node.start(instance, start("./works.sh", OptionalInt.empty()), new NodeStep());
        assertThat(node.isAlive(instance)).isTrue();

        node.release(instance);

        assertThat(node.isAlive(instance)).isFalse();
        assertThat(node.running()).doesNotContain(instance);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.logTail(instance, 10).contains("working"));
    }

    @Test
    void registeringAPackageTheNodeCannotFetchFailsAndLeavesNothing() {
        InstanceId instance = InstanceId.random();

        assertThatThrownBy(() -> node.register(instance, "0".repeat(64), true)).isInstanceOf(PaasmakerException.class);

        assertThat(node.running()).doesNotContain(instance);
        assertThat(node.logAfter(instance, 0, 1024)).isEqualTo(new Node.LogLines("", 0));
    }

    private InstanceId register(boolean needsPort) {
        InstanceId instance = InstanceId.random();
        OptionalInt port = node.register(instance, checksum, needsPort);
        registered.add(instance);
        assertThat(port.isPresent()).isEqualTo(needsPort);
        ports.put(instance, port);
        return instance;
    }

    private int portOf(InstanceId instance) {
        return ports.get(instance).getAsInt();
    }

    private InstanceStart serving(int port) {
        return start("./serve.sh %(port)d", OptionalInt.of(port));
    }

    private static InstanceStart start(String command, OptionalInt port) {
        RuntimeSpec runtime = new RuntimeSpec(SHELL, "1", PluginParameters.of(Map.of(
                "launch_command", command, "start_timeout", 20L, "standalone_wait", 1L)));
        return new InstanceStart("contract instance", runtime, List.of(), port, Map.of(
                "PATH", "/usr/local/bin:/usr/bin:/bin", "PM_METADATA", "{\"node\": {\"rack\": \"a\"}}"));
    }

    private int get(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://" + node.profile().address() + ":" + port + "/")).timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
