package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;

/**
 * {@code /api/v1/routes} and {@code /api/v1/router/stats}: the table the router serves (each hostname
 * with the instances it is sent to) and the traffic it has seen per application, version and instance.
 * The table is shown without its certificates, whose keys only the routers get.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    @Inject
    Paasmaker engine;

    @GET
    @Path("routes")
    @Requires(Permission.SYSTEM_OVERVIEW)
    public RoutingTable routes() {
        RoutingTable table = engine.routes().table();
        // The keys stay in the platform: GET /certificates lists the certificates without them.
        return new RoutingTable(table.generation(), table.routes(), List.of(), table.challenges());
    }

    @GET
    @Path("router/stats")
    @Requires(Permission.SYSTEM_OVERVIEW)
    public RouterStatistics statistics() {
        return engine.routes().statistics();
    }
}
