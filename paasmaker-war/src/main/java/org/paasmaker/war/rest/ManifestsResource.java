package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.manifest.ManifestReader;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.war.security.Requires;

/**
 * {@code POST /api/v1/manifests/validate}: checks a manifest's text against the plugins this platform
 * offers, as a deploy would, without deploying: 204 when it is valid, else the invalid-manifest
 * problem with each error at its line (what the console's manifest box shows).
 */
@Path("manifests")
public class ManifestsResource {

    @Inject
    Paasmaker engine;

    @POST
    @Path("validate")
    @Consumes({"application/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.SYSTEM_OVERVIEW)
    public Response validate(String text) {
        new ManifestReader(engine.plugins()).read(text == null ? "" : text, "manifest.yml");
        return Response.noContent().build();
    }
}
