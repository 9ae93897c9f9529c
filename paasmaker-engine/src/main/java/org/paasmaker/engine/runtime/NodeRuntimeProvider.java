package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.runtime.Runtime;

/** {@code paasmaker.runtime.node}: the node on the PATH and those nvm installed. */
public class NodeRuntimeProvider extends InstalledRuntimeProvider {

    public NodeRuntimeProvider() {
        this(BuiltinPlugins.RUNTIME_NODE);
    }

    NodeRuntimeProvider(PluginDescriptor descriptor) {
        super(descriptor, "/opt/node");
    }

    @Override
    final Runtime create(Path home) {
        return new ExecutableRuntime(List.of("node", "nodejs"), roots(List.of(home.resolve(".nvm/versions/node"))),
                "bin/node");
    }
}
