package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.AuditEntryJson;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.security.Requires;

/** {@code GET /api/v1/audit?limit=100}: who changed what, when, newest first. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int MAX_LIMIT = 10_000;

    @Inject
    Access access;

    @GET
    @Requires(Permission.SYSTEM_ADMINISTRATION)
    public List<AuditEntryJson> newest(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
        return access.store().audit().newest(limit).stream().map(AuditEntryJson::of).toList();
    }
}
