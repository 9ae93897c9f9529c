package org.paasmaker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.api.routing.Route;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.routing.RouterProcess;
import org.paasmaker.engine.routing.RouterCode;
import org.paasmaker.engine.routing.RouterProcessSettings;
import org.paasmaker.engine.routing.TestRouterCode;

/**
 * The engine's JVM is killed with SIGKILL while its instances serve, directly and through the router
 * process it started, and a new engine (the {@code serve} command, in a JVM of its own, on the same
 * data directory) takes over: no request fails, and afterwards the same instances run, none
 * duplicated, none lost, their log writers the same processes, and the router serves the same routes
 * from the same process.
 */
class EngineKilledTest {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final int LOAD_THREADS = 4;
    private static final String HOSTNAME = "hello-python.localhost";

    @TempDir
    Path temp;

    private final List<Process> engines = new ArrayList<>();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final List<Thread> load = new ArrayList<>();
    private final int routerPort = TestPorts.free();

    @AfterEach
    void cleanUp() throws Exception {
        loading.set(false);
        for (Thread thread : load) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        for (Process engine : engines) {
            engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (EngineFixture sweeper = new EngineFixture(home())) {
            sweeper.stopEverything();
        } finally {
            if (Files.exists(home().resolve("router"))) {
                router().stop(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aKilledEnginesInstancesKeepServingAndTheNextEngineAdoptsExactlyThem() throws Exception {
        VersionId version = deployTwoInstances();
        Set<Instance> before = running(version);
        assertThat(before).hasSize(2);
        Map<String, ProcessIdentity> writers = logWriters();
        assertThat(writers).hasSize(2).allSatisfy((instance, writer) -> assertThat(writer.isAlive()).isTrue());

        Process first = serve("first.log");
        List<Route> routes = router().table().routes();
        assertThat(routes).extracting(Route::hostname).contains(HOSTNAME, "1.web.hello-python.test.localhost");
        long routerPid = router().pid();
        AtomicLong answered = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Instance> targets = List.copyOf(before);
        for (int i = 0; i < LOAD_THREADS; i++) {
            // Half the clients go to an instance directly, half through the router by hostname.
            int port = i % 2 == 0 ? targets.get(i / 2 % targets.size()).port().getAsInt() : routerPort;
            Thread thread = new Thread(() -> hammer(port, answered, failures), "load-" + i);
            thread.start();
            load.add(thread);
        }
        await().atMost(STARTUP).until(() -> answered.get() >= 200);

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long atKill = answered.get();
        await().atMost(STARTUP).until(() -> answered.get() >= atKill + 200);
        Process second = serve("second.log");
        long atRestart = answered.get();
        // Long enough for several of the new engine's health rounds, each of which could have judged them.
        await().atMost(STARTUP).until(() -> answered.get() >= atRestart + 2_000);

        loading.set(false);
        for (Thread thread : load) {
            thread.join();
        }
        assertThat(failures).as("requests that failed across the engine's death and restart").isEmpty();
        second.destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (EngineFixture after = new EngineFixture(home())) {
            List<Instance> instances = after.engine().versions().instances(version);
            assertThat(instances).as("no instance was added, failed or replaced").hasSize(2)
                    .allMatch(instance -> instance.state() == InstanceState.RUNNING);
            assertThat(ids(instances)).isEqualTo(ids(before));
            assertThat(router().pid()).as("the same router process").isEqualTo(routerPid);
            assertThat(router().table().routes()).as("the same routes").isEqualTo(routes);
            try (var records = Files.list(home().resolve("processes"))) {
                assertThat(records.count()).as("process records").isEqualTo(2);
            }
            assertThat(logWriters()).as("the same log writers, adopted, not started again").isEqualTo(writers);
        }
    }

    /** The instances' log writers as recorded, by instance id. */
    private Map<String, ProcessIdentity> logWriters() {
        return new ProcessRecords(home().resolve("log-writers"), warning -> { }).load().stream()
                .collect(Collectors.toMap(ProcessRecord::key, ProcessRecord::identity));
    }

    private VersionId deployTwoInstances() throws IOException {
        Path app = Files.createDirectories(temp.resolve("hello-python"));
        Directories.copyTree(EngineFixture.sample("hello-python"), app);
        Path manifest = app.resolve("manifest.yml");
        Files.writeString(manifest, Files.readString(manifest).replace("quantity: 1", "quantity: 2"));
        try (EngineFixture fixture = new EngineFixture(home())) {
            var prepared = fixture.prepare(SourceSpec.directory(app));
            VersionId id = new VersionId(Long.parseLong(prepared.tags().get("version_id")));
            fixture.succeed(fixture.engine().versions().start(id));
            fixture.succeed(fixture.engine().versions().makeCurrent(id));
            ApplicationVersion version = fixture.engine().versions().get(id);
            assertThat(version.current()).isTrue();
            return id;
        }
    }

    private Set<Instance> running(VersionId version) {
        try (EngineFixture fixture = new EngineFixture(home())) {
            return fixture.engine().versions().instances(version).stream()
                    .filter(instance -> instance.state() == InstanceState.RUNNING).collect(Collectors.toSet());
        }
    }

    /** An engine in a JVM of its own, serving until killed; returns once it has adopted what runs. */
    private Process serve(String logName) throws IOException {
        Path log = temp.resolve(logName);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PAASMAKER_HOME", home().toString());
        builder.environment().put("PAASMAKER_ROUTER_PORT", Integer.toString(routerPort));
        // As the test's own handle on the router (RouterProcessSettings.of) has it, so that each adopts the other's.
        builder.environment().put(RouterProcessSettings.HTTPS_PORT_VARIABLE, Integer.toString(RouterProcessSettings.HTTPS_OFF));
        builder.environment().put(RouterCode.CLASS_PATH_VARIABLE, TestRouterCode.CLASS_PATH);
        Process engine = builder.start();
        engines.add(engine);
        await().atMost(STARTUP).until(() -> Files.readString(log).contains("Serving 2 running instances")
                || !engine.isAlive());
        assertThat(engine.isAlive()).as(Files.readString(log)).isTrue();
        return engine;
    }

    private void hammer(int port, AtomicLong answered, ConcurrentLinkedQueue<String> failures) {
        while (loading.get()) {
            try {
                String status = statusLine(port);
                if (!status.startsWith("HTTP/1.1 200") && !status.startsWith("HTTP/1.0 200")) {
                    failures.add("port " + port + " answered " + status);
                }
                answered.incrementAndGet();
            } catch (IOException e) {
                failures.add("port " + port + ": " + e);
            }
        }
    }

    /** One request with the application's hostname, on a connection of its own. */
    private static String statusLine(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            // A reset on close keeps thousands of short connections out of TIME_WAIT.
            socket.setSoLinger(true, 0);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOSTNAME + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] response = socket.getInputStream().readAllBytes();
            String text = new String(response, StandardCharsets.ISO_8859_1);
            return text.isEmpty() ? "nothing" : text.lines().findFirst().orElse("");
        }
    }

    /** The test's handle on the router process the engines share: it adopts the running one. */
    private RouterProcess router() {
        return RouterProcess.startOrAdopt(RouterProcessSettings.of(home().resolve("router"), routerPort)
                .withCode(TestRouterCode.classPath()));
    }


    private static Set<String> ids(java.util.Collection<Instance> instances) {
        return instances.stream().map(instance -> instance.id().value()).collect(Collectors.toSet());
    }

    private Path home() {
        return temp.resolve("home");
    }
}
