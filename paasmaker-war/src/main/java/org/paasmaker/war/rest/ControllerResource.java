package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.rest.ControllerJson;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.lease.Leadership;
import org.paasmaker.war.security.Requires;

/** {@code GET /api/v1/controller}: which controller answers, and whether it leads those sharing its database. */
@Path("controller")
@Produces(MediaType.APPLICATION_JSON)
public class ControllerResource {

    @Inject
    Paasmaker engine;

    @GET
    @Requires(Permission.SYSTEM_OVERVIEW)
    public ControllerJson controller() {
        Leadership leadership = engine.leadership();
        return new ControllerJson(leadership.holder(), leadership.leads(), leadership.term());
    }
}
