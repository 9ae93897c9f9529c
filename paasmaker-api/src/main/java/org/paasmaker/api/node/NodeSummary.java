package org.paasmaker.api.node;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.instance.PortRange;

/**
 * A node as an operator sees it: its name, the address its instances are reached at, its state, when
 * its agent last reported (empty for the controller's own node, which needs no reports), its tags,
 * the ports its instances get, the runtimes it offers with the versions installed, and how many
 * instance processes it runs now (0 while it is DOWN: nothing is asked of it).
 */
public record NodeSummary(String name, String address, NodeState state, Optional<Instant> lastReport,
        Map<String, Object> tags, PortRange ports, Map<String, List<String>> runtimes, int runningInstances) {

    public NodeSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastReport, "lastReport");
        tags = Map.copyOf(tags);
        Objects.requireNonNull(ports, "ports");
        runtimes = Map.copyOf(runtimes);
    }
}
