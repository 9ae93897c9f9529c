package org.paasmaker.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * Fifty rounds of register, start, stop and deregister of a real sample: after each round its process
 * is gone, its port is free and its files are deleted; after all of them the engine holds no more
 * open files than before, and no process runs in the data directory.
 */
class CyclesTest {

    private static final int CYCLES = 50;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    @Test
    void fiftyCyclesLeaveNoProcessPortFileOrHandleBehind() throws Exception {
        ApplicationVersion version = fixture.prepareSample("hello-python");
        Path home = fixture.engine().home();
        ProcessRecords records = new ProcessRecords(home.resolve("processes"), warning -> { });
        cycle(version, records);
        int handlesBefore = openHandles().size();

        for (int round = 1; round < CYCLES; round++) {
            cycle(version, records);
        }

        assertThat(processesIn(home)).as("processes running in the data directory").isEmpty();
        assertThat(openHandles()).as("this JVM's files under the data directory, but for the store's lock")
                .filteredOn(link -> link.startsWith(home)).containsExactly(home.resolve("store.json.lock"));
        assertThat(openHandles().size()).as("this JVM's open descriptors, " + openHandles())
                .isLessThanOrEqualTo(handlesBefore + 5);
        assertThat(list(home.resolve("instances"))).isEmpty();
        assertThat(list(home.resolve("processes"))).isEmpty();
        assertThat(list(home.resolve("work"))).isEmpty();
    }

    private void cycle(ApplicationVersion version, ProcessRecords records) throws Exception {
        fixture.succeed(fixture.engine().versions().start(version.id()));
        Instance instance = fixture.engine().versions().instances(version.id()).stream()
                .filter(i -> InstanceManager.ACTIVE.contains(i.state())).findFirst().orElseThrow();
        int port = instance.port().getAsInt();
        long pid = records.find(instance.id().value()).orElseThrow().identity().pid();
        assertThat(get(port)).startsWith("HTTP/1.0 200");

        fixture.succeed(fixture.engine().versions().stop(version.id()));
        fixture.succeed(fixture.engine().versions().deregister(version.id()));

        // Killed, it may stay a zombie for a moment until this JVM, its parent, reaps it.
        await("process " + pid + " is gone").atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        assertThat(bindable(port)).as("port " + port + " is free").isTrue();
        assertThat(home().resolve("instances").resolve(instance.id().value())).doesNotExist();
        assertThat(records.find(instance.id().value())).isEmpty();
    }

    private Path home() {
        return fixture.engine().home();
    }

    private static String get(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // Closing with a reset leaves the instance's port out of TIME_WAIT, where the engine would
            // not hand it out again for a minute: fifty rounds would use up a range shared with others.
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where this JVM's open descriptors point. */
    private static List<Path> openHandles() throws IOException {
        List<Path> targets = new ArrayList<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(descriptor));
                } catch (IOException e) {
                    // The descriptor of the listing itself, closed by now.
                }
            }
        }
        return targets;
    }

    /** Processes whose working directory lies under the directory. */
    private static List<Long> processesIn(Path directory) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readSymbolicLink(entry.resolve("cwd")).startsWith(directory)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException e) {
                    // Ended meanwhile, or not ours to look at.
                }
            }
        }
        return found;
    }

    private static List<Path> list(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }
}
