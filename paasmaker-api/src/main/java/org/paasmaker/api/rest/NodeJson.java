package org.paasmaker.api.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.node.NodeSummary;

/**
 * A machine instances run on: its address, state ({@code ACTIVE}, {@code INACTIVE}, {@code DOWN}), when
 * its agent last reported (null for the controller's own node), its tags, the ports its instances get
 * (the range's text, such as {@code 42600-42699}), its runtimes with the versions installed, and how
 * many instances run there.
 */
public record NodeJson(String name, String address, String state, Instant lastReport, Map<String, Object> tags,
        String ports, Map<String, List<String>> runtimes, int runningInstances) {

    public static NodeJson of(NodeSummary node) {
        return new NodeJson(node.name(), node.address(), node.state().name(), node.lastReport().orElse(null),
                node.tags(), node.ports().toString(), node.runtimes(), node.runningInstances());
    }
}
