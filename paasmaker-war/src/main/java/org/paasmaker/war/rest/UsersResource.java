package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.paasmaker.api.access.ApiKeyId;
import org.paasmaker.api.access.Grant;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.access.User;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.ApiKeyJson;
import org.paasmaker.api.rest.ApiKeyRequest;
import org.paasmaker.api.rest.GrantJson;
import org.paasmaker.api.rest.GrantRequest;
import org.paasmaker.api.rest.IssuedApiKeyJson;
import org.paasmaker.api.rest.PasswordRequest;
import org.paasmaker.api.rest.UserJson;
import org.paasmaker.api.rest.UserRequest;
import org.paasmaker.api.workspace.WorkspaceId;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;

/**
 * {@code /api/v1/users}: users, their API keys and their grants. {@code {user}} is the id or the name.
 * A user may list, make and revoke its own keys; another's need USER_EDIT.
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    private static final Pattern NUMBER = Pattern.compile("[1-9]\\d{0,17}");

    @Inject
    Access access;

    @Inject
    Paasmaker engine;

    @Context
    UriInfo uris;

    @GET
    @Requires(Permission.USER_LIST)
    public List<UserJson> list() {
        return access.store().users().list().stream().map(UserJson::of).toList();
    }

    /** 201 with the user; 409 when the name is taken. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.USER_EDIT)
    public Response create(UserRequest request) {
        Bodies.required(request, "{\"name\": \"ann\", \"email\": \"ann@example.org\", \"password\": \"...\"}");
        User user = access.createUser(request.name(), request.email(), request.password());
        return Response.created(uris.getAbsolutePathBuilder().path(user.id().toString()).build())
                .entity(UserJson.of(user)).build();
    }

    @GET
    @Path("{user}")
    @Requires(value = Permission.USER_LIST, on = Scope.USER)
    public UserJson show(@PathParam("user") String user) {
        return UserJson.of(user(user));
    }

    /** Deletes the user with its keys and grants. */
    @DELETE
    @Path("{user}")
    @Requires(Permission.USER_EDIT)
    public Response delete(@PathParam("user") String user) {
        access.store().users().delete(user(user).id());
        return Response.noContent().build();
    }

    /** Replaces the user's password; a user may change its own. */
    @PUT
    @Path("{user}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.USER_EDIT, on = Scope.USER)
    public Response setPassword(@PathParam("user") String user, PasswordRequest request) {
        Bodies.required(request, "{\"password\": \"...\"}");
        access.setPassword(user(user).id(), request.password());
        return Response.noContent().build();
    }

    @GET
    @Path("{user}/keys")
    @Requires(value = Permission.USER_EDIT, on = Scope.USER)
    public List<ApiKeyJson> keys(@PathParam("user") String user) {
        return access.store().keys().list(user(user).id()).stream().map(ApiKeyJson::of).toList();
    }

    /** 201 with the key and its secret, which no later call shows again. */
    @POST
    @Path("{user}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.USER_EDIT, on = Scope.USER)
    public Response issueKey(@PathParam("user") String user, ApiKeyRequest request) {
        Bodies.required(request, "{\"name\": \"laptop\"}");
        Access.IssuedKey issued = access.issueKey(user(user).id(), request.name());
        return Response.created(uris.getAbsolutePathBuilder().path(issued.key().id().toString()).build())
                .entity(new IssuedApiKeyJson(ApiKeyJson.of(issued.key()), issued.secret())).build();
    }

    /** Revokes the key at once; the next request that presents it is a 401. */
    @DELETE
    @Path("{user}/keys/{key}")
    @Requires(value = Permission.USER_EDIT, on = Scope.USER)
    public ApiKeyJson revokeKey(@PathParam("user") String user, @PathParam("key") String key) {
        return ApiKeyJson.of(access.revokeKey(user(user).id(), new ApiKeyId(number("API key", key))));
    }

    @GET
    @Path("{user}/grants")
    @Requires(value = Permission.ROLE_LIST, on = Scope.USER)
    public List<GrantJson> grants(@PathParam("user") String user) {
        return access.store().grants().list(user(user).id()).stream().map(GrantJson::of).toList();
    }

    /** 201 with the grant; an unknown role or workspace is a 400 naming it. */
    @POST
    @Path("{user}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.ROLE_ASSIGN)
    public Response grant(@PathParam("user") String user, GrantRequest request) {
        Bodies.required(request, "{\"role\": \"Deployer\", \"workspace\": \"staging\"}");
        Grant grant = access.grant(user(user).id(), request.role(), workspace(request.workspace()));
        return Response.status(Response.Status.CREATED).entity(GrantJson.of(grant)).build();
    }

    /** Removes the grant of {@code ?role=} (in {@code ?workspace=}, or the global one without it). */
    @DELETE
    @Path("{user}/grants")
    @Requires(Permission.ROLE_ASSIGN)
    public Response revokeGrant(@PathParam("user") String user, @QueryParam("role") String role,
            @QueryParam("workspace") String workspace) {
        if (role == null || role.isBlank()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "say which grant to remove: ?role=<role>"
                    + " (and &workspace=<id or stub> for a grant in one workspace)");
        }
        access.store().grants().remove(new Grant(user(user).id(), role, workspace(workspace)));
        return Response.noContent().build();
    }

    private User user(String text) {
        Optional<User> user = NUMBER.matcher(text).matches()
                ? access.store().users().find(new UserId(Long.parseLong(text)))
                : access.store().users().findByName(text);
        return user.orElseThrow(() -> new NotFoundException("user", text));
    }

    private Optional<WorkspaceId> workspace(String idOrStub) {
        if (idOrStub == null || idOrStub.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(engine.workspaces().get(idOrStub).id());
        } catch (NotFoundException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "unknown workspace '" + idOrStub + "'; give a workspace's id or stub, or none for a global grant", e);
        }
    }

    private static long number(String kind, String text) {
        if (!NUMBER.matcher(text).matches()) {
            throw new NotFoundException(kind, text);
        }
        return Long.parseLong(text);
    }
}
