package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.Paasmaker;
import java.util.List;

/** {@code /api/v1/instances/{id}/log}: the last lines of an instance's output. */
@Path("instances/{id}")
public class InstancesResource {

    private static final int MAX_LINES = 10_000;

    @Inject
    Paasmaker engine;

    @GET
    @Path("log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("id") String id, @QueryParam("lines") @DefaultValue("100") int lines) {
        if (lines < 1 || lines > MAX_LINES) {
            String message = "lines must be between 1 and " + MAX_LINES + ", not " + lines;
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, message,
                    List.of(new FieldError("lines", message)), null);
        }
        return engine.versions().instanceLog(PathIds.instance(id), lines);
    }
}
