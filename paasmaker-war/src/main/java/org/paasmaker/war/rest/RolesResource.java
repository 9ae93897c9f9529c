package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.rest.RoleJson;
import org.paasmaker.api.rest.RoleRequest;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.security.Requires;

/** {@code /api/v1/roles}: the built-in roles and the operators' own; only the latter change. */
@Path("roles")
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

    @Inject
    Access access;

    @GET
    @Requires(Permission.ROLE_LIST)
    public List<RoleJson> list() {
        return access.roles().stream().map(RoleJson::of).toList();
    }

    @GET
    @Path("{name}")
    @Requires(Permission.ROLE_LIST)
    public RoleJson show(@PathParam("name") String name) {
        return RoleJson.of(access.role(name).orElseThrow(() -> new NotFoundException("role", name)));
    }

    /** Creates the role or replaces its permissions; an unknown permission is a 400 naming it, a built-in role a 409. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.ROLE_EDIT)
    public RoleJson save(@PathParam("name") String name, RoleRequest request) {
        Bodies.required(request, "{\"permissions\": [\"WORKSPACE_VIEW\", \"APPLICATION_DEPLOY\"]}");
        return RoleJson.of(access.saveRole(request.toRole(name)));
    }

    /** Deletes the role and every grant of it. */
    @DELETE
    @Path("{name}")
    @Requires(Permission.ROLE_EDIT)
    public Response delete(@PathParam("name") String name) {
        access.deleteRole(name);
        return Response.noContent().build();
    }
}
