package org.paasmaker.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.Node;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.port.PortAllocator;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.process.LogWriters;
import org.paasmaker.engine.process.ProcessRecords;

class LocalNodeTest {

    @TempDir
    Path temp;

    private PackageStore packages;
    private String checksum;
    private PortAllocator ports;
    private LocalNode node;

    @BeforeEach
    void packACodeTree() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree/bin"));
        Files.writeString(tree.resolve("start.sh"), "#!/bin/sh\necho started\n");
        tree.resolve("start.sh").toFile().setExecutable(true);
        packages = new PackageStore(temp.resolve("packages"));
        TarGzPacker packer = new TarGzPacker();
        checksum = packages.store(out -> packer.pack(temp.resolve("tree"), out));
        ports = new PortAllocator(new PortRange(43100, 43199));
        node = new LocalNode("local", temp.resolve("instances"), packages, packer, ports,
                PluginRegistry.load(getClass().getClassLoader(), name -> true, temp.resolve("plugins"), Clock.systemUTC()),
                new ProcessRecords(temp.resolve("processes"), warning -> { }), Clock.systemUTC(), LogLimit.DEFAULT,
                new LogWriters(new ProcessRecords(temp.resolve("log-writers"), warning -> { }), Clock.systemUTC()));
    }

    @Test
    void eachInstanceGetsAFreshCopyOfTheCodeAndAPortOfItsOwn() {
        InstanceId web = InstanceId.random();
        InstanceId worker = InstanceId.random();

        OptionalInt webPort = node.register(web, checksum, true);
        OptionalInt workerPort = node.register(worker, checksum, false);

        assertThat(webPort).isPresent();
        assertThat(ports.isHeld(webPort.getAsInt())).isTrue();
        assertThat(workerPort).isEmpty();
        assertThat(node.code(web).resolve("bin/start.sh")).isExecutable().hasContent("#!/bin/sh\necho started");
        assertThat(node.code(worker).resolve("bin/start.sh")).exists();
        assertThat(node.code(web)).isNotEqualTo(node.code(worker));
    }

    @Test
    void manyRegistrationsAndDeregistrationsLeaveNoFileAndNoHeldPort() throws Exception {
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            InstanceId instance = InstanceId.random();
            int port = node.register(instance, checksum, true).getAsInt();
            given.add(port);
            node.deregister(instance);
            assertThat(ports.isHeld(port)).isFalse();
        }
        assertThat(given).hasSizeGreaterThan(1);
        try (Stream<Path> left = Files.list(temp.resolve("instances"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFailedRegistrationLeavesNothingBehind() throws Exception {
        InstanceId instance = InstanceId.random();

        assertThatThrownBy(() -> node.register(instance, "0".repeat(64), true)).isInstanceOf(NotFoundException.class);

        try (Stream<Path> left = Files.list(temp.resolve("instances"))) {
            assertThat(left).isEmpty();
        }
        for (int port = 43100; port <= 43199; port++) {
            assertThat(ports.isHeld(port)).isFalse();
        }
    }

    @Test
    void anInstancesLogIsFollowedFromItsLastLinesOnUntilItsFilesAreDeleted() throws Exception {
        InstanceId instance = InstanceId.random();
        node.register(instance, checksum, false);
        // Where the instance's process appends its output, as it would.
        Path log = temp.resolve("instances").resolve(instance.value()).resolve("instance.log");
        Files.writeString(log, "one\ntwo\nthree\n");

        Node.LogLines start = node.logLast(instance, 2);
        assertThat(start).isEqualTo(new Node.LogLines("two\nthree\n", 14));
        Files.writeString(log, "four\n", StandardOpenOption.APPEND);
        assertThat(node.logAfter(instance, start.next(), 1024)).isEqualTo(new Node.LogLines("four\n", 19));

        node.deregister(instance);
        assertThat(node.logAfter(instance, 19, 1024)).isEqualTo(new Node.LogLines("", 0));
    }

    @Test
    void deregisteringAnUnknownInstanceIsFine() {
        node.deregister(InstanceId.random());
    }
}
