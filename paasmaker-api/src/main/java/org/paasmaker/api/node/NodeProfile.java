package org.paasmaker.api.node;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.paasmaker.api.instance.PortRange;

/**
 * What a node is, as the controller keeps it: its name, the address its instances are reached at
 * (routes, crons and probes use it), its tags (handed to its instances as {@code PM_METADATA.node}
 * and matched by placement), the runtimes it offers with the versions installed, and the ports its
 * instances get.
 */
public record NodeProfile(
        String name, String address, Map<String, Object> tags, Map<String, List<String>> runtimes, PortRange ports) {

    public NodeProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        tags = Map.copyOf(tags);
        runtimes = Map.copyOf(runtimes);
        Objects.requireNonNull(ports, "ports");
    }
}
