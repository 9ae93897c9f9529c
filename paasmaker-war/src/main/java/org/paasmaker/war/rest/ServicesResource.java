package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;
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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.paasmaker.api.error.ErrorCode;
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
     * The service's dump, named {@code <application>-<service>.<kind>} in {@code Content-Disposition}. It is
     * made into a private file under {@code $PAASMAKER_HOME/uploads} first, then streamed from there with
     * its length (and deleted): a tool that fails half-way is then a problem+json answer (503, quoting it)
     * rather than a 200 whose body stops short, which Liberty would send once the status line is out. A
     * service without data (parameters, filesystem) is a 400.
     */
    @GET
    @Path("export")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, "application/sql"})
    @Requires(value = Permission.SERVICE_EXPORT, on = Scope.SERVICE)
    public Response export(@PathParam("id") String id) {
        ServiceId service = PathIds.service(id);
        DumpFormat format = engine.services().dumpFormat(service);
        String name = engine.services().dumpFileName(service);
        java.nio.file.Path file = exportToFile(service, format);
        StreamingOutput body = out -> {
            try {
                Files.copy(file, out);
            } finally {
                Uploads.delete(file);
            }
        };
        return Response.ok(body, format.mediaType()).header(HttpHeaders.CONTENT_LENGTH, size(file))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
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
    @Requires(value = Permission.SERVICE_IMPORT, on = Scope.SERVICE)
    public Response importDump(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long length, InputStream body) {
        ServiceId service = PathIds.service(id);
        engine.services().dumpFormat(service);
        Uploads uploads = new Uploads(settings.home().resolve("uploads"), settings.maxUploadBytes());
        uploads.checkDeclaredLength(length);
        engine.services().restore(service, uploads.limited(body));
        return Response.noContent().build();
    }

    private java.nio.file.Path exportToFile(ServiceId service, DumpFormat format) {
        java.nio.file.Path directory = settings.home().resolve("uploads");
        java.nio.file.Path file;
        try {
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, "export-", format.extension(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot make a file for the export in " + directory
                    + ": " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            engine.services().export(service, out);
            return file;
        } catch (IOException | RuntimeException e) {
            Uploads.delete(file);
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write the export to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static long size(java.nio.file.Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the export " + file + " went: " + e.getMessage(), e);
        }
    }
}
