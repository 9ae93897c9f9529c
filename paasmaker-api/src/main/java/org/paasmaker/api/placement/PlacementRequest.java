package org.paasmaker.api.placement;

import java.util.List;
import java.util.Objects;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * One new instance to place: its label (for messages), its runtime with the version the manifest asks
 * for, the placement plugin's parameters from the manifest, and every node the controller knows.
 */
public record PlacementRequest(
        String instance, RuntimeSpec runtime, PluginParameters parameters, List<PlacementCandidate> nodes) {

    public PlacementRequest {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(parameters, "parameters");
        nodes = List.copyOf(nodes);
    }
}
