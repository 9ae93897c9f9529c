package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Caller;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.api.rest.WorkspaceJson;
import org.paasmaker.api.rest.WorkspaceRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.Paasmaker;

/** {@code /api/v1/workspaces}: a workspace is named in paths by its id or its stub. */
@Path("workspaces")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspacesResource {

    @Inject
    Paasmaker engine;

    @Context
    UriInfo uris;

    @Inject
    Caller caller;

    @GET
    @Requires(value = Permission.WORKSPACE_LIST, on = Scope.ANYWHERE)
    public List<WorkspaceJson> list() {
        return engine.workspaces().list().stream()
                .filter(ws -> caller.authority().allows(Permission.WORKSPACE_LIST, ws.id())).map(WorkspaceJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.WORKSPACE_EDIT)
    public Response create(WorkspaceRequest request) {
        Workspace created = engine.workspaces().create(required(request).toNewWorkspace());
        return Response.created(uris.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(WorkspaceJson.of(created)).build();
    }

    @GET
    @Path("{ws}")
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.WORKSPACE)
    public WorkspaceJson show(@PathParam("ws") String ws) {
        return WorkspaceJson.of(engine.workspaces().get(ws));
    }

    /** Replaces the name, stub and tags; the id stays. */
    @PUT
    @Path("{ws}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.WORKSPACE_EDIT, on = Scope.WORKSPACE)
    public WorkspaceJson update(@PathParam("ws") String ws, WorkspaceRequest request) {
        Workspace existing = engine.workspaces().get(ws);
        NewWorkspace changed = required(request).toNewWorkspace();
        return WorkspaceJson.of(engine.workspaces().update(
                new Workspace(existing.id(), changed.name(), changed.stub(), changed.tags())));
    }

    /** Only an empty workspace can go: 409 while it holds applications. */
    @DELETE
    @Path("{ws}")
    @Requires(value = Permission.WORKSPACE_DELETE, on = Scope.WORKSPACE)
    public Response delete(@PathParam("ws") String ws) {
        engine.workspaces().delete(engine.workspaces().get(ws).id());
        return Response.noContent().build();
    }

    @GET
    @Path("{ws}/applications")
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.WORKSPACE)
    public List<ApplicationJson> applications(@PathParam("ws") String ws) {
        return engine.applications().list(engine.workspaces().get(ws).id()).stream().map(ApplicationJson::of).toList();
    }

    private static WorkspaceRequest required(WorkspaceRequest request) {
        if (request == null) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "the body must be a JSON object such as {\"name\": \"Development\", \"stub\": \"dev\"}");
        }
        return request;
    }
}
