package org.paasmaker.api.node;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.paasmaker.api.instance.PortRange;

/**
 * A node as an operator sees it: its name and tags, the ports its instances get, the runtimes it
 * offers with the versions installed, and how many instance processes it runs now.
 */
public record NodeSummary(String name, Map<String, Object> tags, PortRange ports, Map<String, List<String>> runtimes,
        int runningInstances) {

    public NodeSummary {
        Objects.requireNonNull(name, "name");
        tags = Map.copyOf(tags);
        Objects.requireNonNull(ports, "ports");
        runtimes = Map.copyOf(runtimes);
    }
}
