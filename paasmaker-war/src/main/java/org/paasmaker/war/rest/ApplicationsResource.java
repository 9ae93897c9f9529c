package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.paasmaker.engine.Paasmaker;

/** {@code /api/v1/applications/{app}}: an application, its versions and its services. */
@Path("applications/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationsResource {

    @Inject
    Paasmaker engine;

    @GET
    public ApplicationJson show(@PathParam("app") String app) {
        return ApplicationJson.of(engine.applications().get(PathIds.application(app)));
    }

    @GET
    @Path("versions")
    public List<VersionJson> versions(@PathParam("app") String app) {
        return engine.versions().list(PathIds.application(app)).stream().map(VersionJson::summary).toList();
    }

    /** With the credentials the application's instances receive: this API is for the platform's owner. */
    @GET
    @Path("services")
    public List<ServiceJson> services(@PathParam("app") String app) {
        return engine.applications().services(PathIds.application(app)).stream().map(ServiceJson::of).toList();
    }
}
