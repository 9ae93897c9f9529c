package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.service.DumpFormat;
import org.paasmaker.api.service.ServiceId;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.war.engine.ServerSettings;

/**
 * {@code /api/v1/services/{id}/export} and {@code /import}: a service's data as a dump of its plugin's
 * kind (PostgreSQL: pg_dump's custom format; MySQL: mariadb-dump's SQL; Redis: an RDB file), out and
 * back in. Ids are those of {@code GET /applications/{app}/services}.
 */
@Path("services/{id}")
public class ServicesResource {

    @Inject
    Paasmaker engine;

    @Inject
    ServerSettings settings;

    /**
     * The service's dump, streamed as it is made, named {@code <application>-<service>.<kind>} in
     * {@code Content-Disposition}. A service without data (parameters, filesystem) is a 400. A failure
     * after the first bytes ends the response before its end, which a client sees as a broken transfer.
     */
    @GET
    @Path("export")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, "application/sql"})
    public Response export(@PathParam("id") String id) {
        ServiceId service = PathIds.service(id);
        DumpFormat format = engine.services().dumpFormat(service);
        String file = engine.services().dumpFileName(service);
        StreamingOutput body = out -> {
            try {
                engine.services().export(service, out);
            } catch (PaasmakerException e) {
                // The status line is gone: breaking the transfer is what tells the client.
                throw new IOException(e.getMessage(), e);
            }
        };
        return Response.ok(body, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /**
     * Replaces the service's data with the body's dump (204): it is read whole first (refused with 413 past
     * {@code PAASMAKER_MAX_UPLOAD_BYTES}), checked before anything is touched (400 for a file that is not a
     * whole dump of the service's kind), and a dump that fails to load leaves the data as it was, the 400
     * quoting the tool's own error lines.
     */
    @POST
    @Path("import")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/sql"})
    public Response importDump(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long length, InputStream body) {
        ServiceId service = PathIds.service(id);
        engine.services().dumpFormat(service);
        Uploads uploads = new Uploads(settings.home().resolve("uploads"), settings.maxUploadBytes());
        uploads.checkDeclaredLength(length);
        engine.services().restore(service, uploads.limited(body));
        return Response.noContent().build();
    }
}
