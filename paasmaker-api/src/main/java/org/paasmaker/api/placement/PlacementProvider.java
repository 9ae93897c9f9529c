package org.paasmaker.api.placement;

import org.paasmaker.api.plugin.PluginProvider;

/**
 * A placement plugin ({@code paasmaker.placement.default}): chooses the nodes an instance type's
 * instances run on. Manifests name one per instance type; the choosing itself comes with nodes.
 */
public interface PlacementProvider extends PluginProvider {
}
