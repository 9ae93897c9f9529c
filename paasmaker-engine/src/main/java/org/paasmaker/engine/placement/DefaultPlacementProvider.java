package org.paasmaker.engine.placement;

import org.paasmaker.api.placement.PlacementProvider;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginDescriptor;

/** {@code paasmaker.placement.default}; with one node so far, every instance goes to it. */
public final class DefaultPlacementProvider implements PlacementProvider {

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.PLACEMENT_DEFAULT;
    }
}
