package org.paasmaker.war.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.workspace.WorkspaceId;
import org.paasmaker.engine.Paasmaker;

/**
 * Checks the {@link Requires} of the matched resource method against the caller's authority, in the
 * workspace of the object the path names. A refusal is a {@code FORBIDDEN} problem naming the missing
 * permission; an object that does not exist is the 404 the resource would give.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuthorizationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Inject
    Paasmaker engine;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod().isAnnotationPresent(Open.class)) {
            return;
        }
        Authority authority = caller.authority(); // the authentication filter has refused the anonymous already
        if (authority.actor().isOperator()) {
            return; // the super token bypasses permissions, and costs no look-up of the object's workspace
        }
        Requires requires = resource.getResourceMethod().getAnnotation(Requires.class);
        if (requires == null) {
            throw new PaasmakerException(ErrorCode.FORBIDDEN, "only the operator's token may call "
                    + resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName());
        }
        Scope scope = requires.on();
        switch (scope) {
            case GLOBAL -> authority.require(requires.value());
            case ANYWHERE -> {
                if (!authority.allowsSomewhere(requires.value())) {
                    authority.require(requires.value());
                }
            }
            case USER -> requireSelfOr(authority, requires, request.getUriInfo().getPathParameters().getFirst(scope.parameter()));
            default -> {
                String value = request.getUriInfo().getPathParameters().getFirst(scope.parameter());
                Optional<WorkspaceId> workspace = new WorkspaceOf(engine).find(scope, value);
                workspace.ifPresentOrElse(ws -> authority.require(requires.value(), ws), () -> authority.require(requires.value()));
                workspace.ifPresent(caller::checkedIn);
            }
        }
    }

    /** A user may read and manage its own keys; for another user's, the permission must be held globally. */
    private static void requireSelfOr(Authority authority, Requires requires, String user) {
        boolean self = authority.actor().user().isPresent()
                && (authority.actor().name().equals(user) || authority.actor().user().get().toString().equals(user));
        if (!self) {
            authority.require(requires.value());
        }
    }
}
