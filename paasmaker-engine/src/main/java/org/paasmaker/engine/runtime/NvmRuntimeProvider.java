package org.paasmaker.engine.runtime;

import org.paasmaker.api.plugin.BuiltinPlugins;

/**
 * {@code paasmaker.runtime.node.nvm}: the original Paasmaker's name for the Node runtime, so its
 * manifests run unchanged; the same versions (nvm's among them) and parameters.
 */
public final class NvmRuntimeProvider extends NodeRuntimeProvider {

    public NvmRuntimeProvider() {
        super(BuiltinPlugins.RUNTIME_NODE_NVM);
    }
}
