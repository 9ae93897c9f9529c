package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.certificate.Certificate;
import org.paasmaker.api.rest.CertificateJson;
import org.paasmaker.api.rest.CertificateUpload;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.certificate.CertificateStatus;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;

/**
 * {@code /api/v1/applications/{app}/certificates}: the certificates served over HTTPS for an
 * application's hostnames, uploaded (checked first: a bad one is a 400 saying what is wrong) or obtained
 * by the platform ({@link AllCertificatesResource} lists every one). Keys never leave the platform: no
 * answer holds one.
 */
@Path("applications/{app}/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificatesResource {

    @Inject
    Paasmaker engine;

    @Context
    UriInfo uris;

    @GET
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.APPLICATION)
    public List<CertificateJson> list(@PathParam("app") String app) {
        return engine.certificates().list(PathIds.application(app)).stream().map(CertificatesResource::json).toList();
    }

    /** 201 with the certificate; 400 naming what is wrong with it. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.APPLICATION_ROUTING, on = Scope.APPLICATION)
    public Response upload(@PathParam("app") String app, CertificateUpload upload) {
        Bodies.required(upload, "{\"chainPem\": \"-----BEGIN CERTIFICATE-----...\", \"keyPem\": \"-----BEGIN PRIVATE"
                + " KEY-----...\", \"hostnames\": [\"www.example.com\"]}");
        Certificate certificate = engine.certificates().upload(PathIds.application(app), upload.chainPem(),
                upload.keyPem(), upload.hostnames());
        // An uploaded certificate is not renewed by the platform.
        return Response.created(uris.getAbsolutePathBuilder().path(certificate.id()).build())
                .entity(CertificateJson.of(certificate, Optional.empty(), Optional.empty())).build();
    }

    @DELETE
    @Path("{certificate}")
    @Requires(value = Permission.APPLICATION_ROUTING, on = Scope.APPLICATION)
    public Response delete(@PathParam("app") String app, @PathParam("certificate") String certificate) {
        engine.certificates().delete(PathIds.application(app), certificate);
        return Response.noContent().build();
    }

    static CertificateJson json(CertificateStatus status) {
        return CertificateJson.of(status.certificate(), status.renewsAt(), status.renewalFailure());
    }
}
