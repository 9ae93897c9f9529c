package org.paasmaker.api.placement;

import org.paasmaker.api.plugin.PluginProvider;

/**
 * A placement plugin ({@code paasmaker.placement.default}): chooses the node each new instance of an
 * instance type runs on. Manifests name one per instance type.
 */
public interface PlacementProvider extends PluginProvider {

    /**
     * The name of the node the instance goes to; a {@code START_FAILED} error naming what no node
     * offers (the runtime, its version or the tags) when none fits.
     */
    String choose(PlacementRequest request);
}
