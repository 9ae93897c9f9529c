package org.paasmaker.war.rest;

import org.paasmaker.api.rest.HealthJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.war.security.Open;

/**
 * {@code GET /api/v1/health}: answers without a token, for load balancers and start-up scripts. The
 * engine is built when the application starts, so an answer means the platform is ready; its warnings
 * say what needs an operator meanwhile (free space under {@code PAASMAKER_DISK_LOW_BYTES}, a certificate
 * that could not be obtained or renewed).
 */
@Path("health")
public class HealthResource {

    @Inject
    Paasmaker engine;

    @GET
    @Open
    @Produces(MediaType.APPLICATION_JSON)
    public HealthJson health() {
        List<String> warnings = new ArrayList<>(engine.disk().lowSpaceWarning().stream().toList());
        warnings.addAll(engine.certificates().warnings());
        return HealthJson.up(warnings);
    }
}
