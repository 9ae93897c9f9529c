package org.paasmaker.engine.node;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.Node;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.port.PortAllocator;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.process.LogWriters;
import org.paasmaker.engine.process.ProcessRecords;

/** The node on the controller's own machine passes the node contract. */
class LocalNodeContractTest extends NodeContract {

    private final TarGzPacker packer = new TarGzPacker();
    private PackageStore packages;
    private PluginRegistry plugins;

    @Override
    protected Node newNode() {
        packages = new PackageStore(temp.resolve("packages"));
        plugins = PluginRegistry.load(getClass().getClassLoader(), name -> true, temp.resolve("plugins"), Clock.systemUTC());
        return new LocalNode("local", "127.0.0.1", Map.of("rack", "a"), temp.resolve("instances"), packages, packer,
                new PortAllocator(new PortRange(43400, 43499)), plugins,
                new ProcessRecords(temp.resolve("processes"), warning -> { }), Clock.systemUTC(), LogLimit.DEFAULT,
                new LogWriters(new ProcessRecords(temp.resolve("log-writers"), warning -> { }), Clock.systemUTC()));
    }

    @Override
    protected String publish(java.nio.file.Path tree) {
        return packages.store(out -> packer.pack(tree, out));
    }

    @AfterEach
    void closePlugins() {
        plugins.close();
    }
}
