package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Caller;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.api.rest.DiskJson;
import org.paasmaker.api.rest.ServiceJson;
import org.paasmaker.api.rest.VersionJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.paasmaker.engine.Paasmaker;

/** {@code /api/v1/applications/{app}}: an application, its versions, its services and its disk use. */
@Path("applications/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationsResource {

    @Inject
    Paasmaker engine;

    @Context
    UriInfo uris;

    @Inject
    Caller caller;

    @GET
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.APPLICATION)
    public ApplicationJson show(@PathParam("app") String app) {
        return ApplicationJson.of(engine.applications().get(PathIds.application(app)));
    }

    /**
     * 202 with the job that deletes the application's versions, instances and packages; with
     * {@code ?services=true} its services (and their data) and the application itself go too, while
     * without it the application stays, empty, keeping its services for its next version.
     */
    @DELETE
    @Requires(value = Permission.APPLICATION_DELETE, on = Scope.APPLICATION)
    public Response delete(@PathParam("app") String app, @QueryParam("services") boolean withServices) {
        return JobAnswers.accepted(uris,
                engine.as(caller.actor(), () -> engine.applications().delete(PathIds.application(app), withServices)));
    }

    @GET
    @Path("versions")
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.APPLICATION)
    public List<VersionJson> versions(@PathParam("app") String app) {
        return engine.versions().list(PathIds.application(app)).stream().map(VersionJson::summary).toList();
    }

    /**
     * With the credentials the application's instances receive, their passwords masked unless
     * {@code ?reveal=true}, which needs SERVICE_CREDENTIAL_VIEW too.
     */
    @GET
    @Path("services")
    @Requires(value = Permission.SERVICE_VIEW, on = Scope.APPLICATION)
    public List<ServiceJson> services(@PathParam("app") String app, @QueryParam("reveal") boolean reveal) {
        if (reveal) {
            caller.requireHere(Permission.SERVICE_CREDENTIAL_VIEW);
        }
        return engine.applications().services(PathIds.application(app)).stream()
                .map(service -> ServiceJson.of(service, reveal)).toList();
    }

    /** What the application holds on the platform's disk: its packages, its instances' code and logs. */
    @GET
    @Path("disk")
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.APPLICATION)
    public DiskJson.ApplicationDiskJson disk(@PathParam("app") String app) {
        return DiskJson.ApplicationDiskJson.of(engine.disk().application(PathIds.application(app)));
    }
}
