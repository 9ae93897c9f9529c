package org.paasmaker.war.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;

/**
 * What JAX-RS itself refuses (no such path, a verb or a media type a path does not take, a body it
 * cannot read) as problem+json, in words rather than the container's default page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (e instanceof NotFoundException) {
            return Problems.response(ErrorCode.NOT_FOUND, "there is nothing at this path; the API's paths are listed"
                    + " at /openapi", List.of());
        }
        if (e instanceof NotAllowedException) {
            return Problems.builder(Problems.ofStatus(status, "this path does not take that method; it takes "
                    + String.join(", ", original.getAllowedMethods())))
                    .allow(original.getAllowedMethods()).build();
        }
        if (e instanceof NotSupportedException) {
            return Problems.builder(Problems.ofStatus(status, "this path does not take a body of that type; send application/json"
                    + " (or an archive as application/gzip or application/zip where a new version is made)")).build();
        }
        if (status.getStatusCode() == 400) {
            return Problems.response(ErrorCode.INVALID_REQUEST, BadBodies.describe(e), List.of());
        }
        return Problems.builder(Problems.ofStatus(status, status.getReasonPhrase())).build();
    }
}
