package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.paasmaker.api.node.NodeSummary;
import org.paasmaker.engine.Paasmaker;

/** {@code /api/v1/nodes}: the machines instances run on, their tags, ports, runtimes and instance counts. */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

    @Inject
    Paasmaker engine;

    @GET
    public List<NodeJson> nodes() {
        return engine.nodes().list().stream().map(NodeJson::of).toList();
    }

    /** A node; {@code ports} as the range's text, such as {@code 42600-42699}. */
    public record NodeJson(String name, java.util.Map<String, Object> tags, String ports,
            java.util.Map<String, List<String>> runtimes, int runningInstances) {

        static NodeJson of(NodeSummary node) {
            return new NodeJson(node.name(), node.tags(), node.ports().toString(), node.runtimes(),
                    node.runningInstances());
        }
    }
}
