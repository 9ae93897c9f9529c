package org.paasmaker.engine.agent;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.engine.cluster.ClusterServer;
import org.paasmaker.engine.cluster.NodeToken;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;

/**
 * The controller's side as the agent tests need it: a real cluster endpoint on 127.0.0.1 with its node
 * registry and package store, and a package of an instance that serves HTTP.
 */
final class TestController implements AutoCloseable {

    static final String TOKEN_VALUE = "agent-test-token";
    static final NodeToken TOKEN = new NodeToken(TOKEN_VALUE, "the test");

    final NodeRegistry nodes = new NodeRegistry(List.of());
    final PackageStore packages;
    final ClusterServer server;

    private TestController(Path directory, int port, Consumer<String> log) {
        packages = new PackageStore(directory.resolve("packages"));
        server = ClusterServer.start("127.0.0.1", port, TOKEN, nodes, packages, Clock.systemUTC(), log);
    }

    /** On any free port. */
    static TestController start(Path directory) {
        return new TestController(directory, 0, line -> { });
    }

    /** On {@code port}, as a controller that comes back does. */
    static TestController startOn(Path directory, int port) {
        return new TestController(directory, port, line -> { });
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A package whose instance serves HTTP on the port it is given: its checksum. */
    String publishServer(Path tree) throws Exception {
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("serve.sh"), "#!/bin/sh\necho \"serving on $1\"\nexec python3 -m http.server \"$1\"\n");
        tree.resolve("serve.sh").toFile().setExecutable(true);
        return packages.store(out -> new TarGzPacker().pack(tree, out));
    }

    /** How the package's instance starts on {@code port}. */
    static InstanceStart serving(int port) {
        return new InstanceStart("agent test instance", new RuntimeSpec("paasmaker.runtime.shell", "1",
                PluginParameters.of(Map.of("launch_command", "./serve.sh %(port)d", "start_timeout", 20L))), List.of(),
                OptionalInt.of(port), Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"));
    }

    @Override
    public void close() {
        server.close();
    }
}
