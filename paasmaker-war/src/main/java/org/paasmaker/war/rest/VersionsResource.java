package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Caller;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;
import org.paasmaker.api.rest.InstanceJson;
import org.paasmaker.api.rest.VersionJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.paasmaker.engine.Paasmaker;

/**
 * {@code /api/v1/versions/{id}}: a version, its instances, the lifecycle verbs, each a job answered with
 * 202, and delete; the engine refuses (409) what the version's state forbids.
 */
@Path("versions/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class VersionsResource {

    @Inject
    Paasmaker engine;

    @Inject
    Caller caller;

    @Context
    UriInfo uris;

    @GET
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.VERSION)
    public VersionJson show(@PathParam("id") String id) {
        return VersionJson.full(engine.versions().get(PathIds.version(id)));
    }

    /**
     * 202 with the job that deletes the version, its instances and their files, and its package unless
     * another version has it; 409 for the current version while it runs.
     */
    @DELETE
    @Requires(value = Permission.APPLICATION_DELETE, on = Scope.VERSION)
    public Response delete(@PathParam("id") String id) {
        return JobAnswers.accepted(uris, engine.as(caller.actor(), () -> engine.versions().delete(PathIds.version(id))));
    }

    @GET
    @Path("instances")
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.VERSION)
    public List<InstanceJson> instances(@PathParam("id") String id) {
        return engine.versions().instances(PathIds.version(id)).stream().map(InstanceJson::of).toList();
    }

    @POST
    @Path("start")
    @Requires(value = Permission.APPLICATION_DEPLOY, on = Scope.VERSION)
    public Response start(@PathParam("id") String id) {
        return JobAnswers.accepted(uris, engine.as(caller.actor(), () -> engine.versions().start(PathIds.version(id))));
    }

    @POST
    @Path("stop")
    @Requires(value = Permission.APPLICATION_DEPLOY, on = Scope.VERSION)
    public Response stop(@PathParam("id") String id) {
        return JobAnswers.accepted(uris, engine.as(caller.actor(), () -> engine.versions().stop(PathIds.version(id))));
    }

    @POST
    @Path("make-current")
    @Requires(value = Permission.APPLICATION_ROUTING, on = Scope.VERSION)
    public Response makeCurrent(@PathParam("id") String id) {
        return JobAnswers.accepted(uris, engine.as(caller.actor(), () -> engine.versions().makeCurrent(PathIds.version(id))));
    }

    @POST
    @Path("deregister")
    @Requires(value = Permission.APPLICATION_DEPLOY, on = Scope.VERSION)
    public Response deregister(@PathParam("id") String id) {
        return JobAnswers.accepted(uris, engine.as(caller.actor(), () -> engine.versions().deregister(PathIds.version(id))));
    }

    /** Marks the version kept: retention never deletes it. Answers the version. */
    @PUT
    @Path("kept")
    @Requires(value = Permission.APPLICATION_DEPLOY, on = Scope.VERSION)
    public VersionJson keep(@PathParam("id") String id) {
        return VersionJson.summary(engine.versions().keep(PathIds.version(id), true));
    }

    /** Takes the keep mark off: the version is old or new like any other again. */
    @DELETE
    @Path("kept")
    @Requires(value = Permission.APPLICATION_DEPLOY, on = Scope.VERSION)
    public VersionJson release(@PathParam("id") String id) {
        return VersionJson.summary(engine.versions().keep(PathIds.version(id), false));
    }
}
