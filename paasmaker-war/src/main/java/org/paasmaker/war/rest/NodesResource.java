package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Requires;
import org.paasmaker.api.rest.NodeJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.paasmaker.engine.Paasmaker;

/** {@code /api/v1/nodes}: the machines instances run on, their tags, ports, runtimes and instance counts. */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

    @Inject
    Paasmaker engine;

    @GET
    @Requires(Permission.NODE_LIST)
    public List<NodeJson> nodes() {
        return engine.nodes().list().stream().map(NodeJson::of).toList();
    }
}
