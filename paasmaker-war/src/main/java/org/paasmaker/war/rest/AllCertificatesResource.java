package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.rest.CertificateJson;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.war.security.Requires;

/** {@code GET /api/v1/certificates}: every certificate the platform keeps, uploaded and obtained, without keys. */
@Path("certificates")
@Produces(MediaType.APPLICATION_JSON)
public class AllCertificatesResource {

    @Inject
    Paasmaker engine;

    @GET
    @Requires(Permission.SYSTEM_OVERVIEW)
    public List<CertificateJson> list() {
        return engine.certificates().list().stream().map(CertificatesResource::json).toList();
    }
}
