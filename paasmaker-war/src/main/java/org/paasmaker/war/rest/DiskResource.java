package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.paasmaker.api.rest.DiskJson;
import org.paasmaker.engine.Paasmaker;

/**
 * {@code GET /api/v1/disk}: what the platform holds under its home, by kind and by application, and the
 * free space of its disk; a measure up to a few seconds old is reused.
 */
@Path("disk")
@Produces(MediaType.APPLICATION_JSON)
public class DiskResource {

    @Inject
    Paasmaker engine;

    @GET
    @Requires(Permission.SYSTEM_OVERVIEW)
    public DiskJson disk() {
        return DiskJson.of(engine.disk().usage());
    }
}
