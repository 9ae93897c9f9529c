package org.paasmaker.api.rest;

import java.util.List;
import java.util.Map;
import org.paasmaker.api.node.NodeSummary;

/**
 * A machine instances run on: its tags, the ports its instances get (the range's text, such as
 * {@code 42600-42699}), its runtimes with the versions installed, and how many instances run there.
 */
public record NodeJson(String name, Map<String, Object> tags, String ports, Map<String, List<String>> runtimes,
        int runningInstances) {

    public static NodeJson of(NodeSummary node) {
        return new NodeJson(node.name(), node.tags(), node.ports().toString(), node.runtimes(), node.runningInstances());
    }
}
