package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.runtime.RuntimeProvider;

/** {@code paasmaker.runtime.node}: the node on the PATH and those nvm installed. */
public final class NodeRuntimeProvider implements RuntimeProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.RUNTIME_NODE;
    }

    @Override
    public Runtime create(PluginContext context) {
        Path home = Path.of(System.getProperty("user.home"));
        return new ExecutableRuntime(List.of("node", "nodejs"), List.of(home.resolve(".nvm/versions/node")), "bin/node");
    }
}
