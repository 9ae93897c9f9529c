package org.paasmaker.war.rest;

import org.paasmaker.api.rest.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.war.security.Caller;
import org.paasmaker.war.security.Presented;
import org.paasmaker.war.security.SessionCookie;

/**
 * Every path but {@code health}, {@code login} and {@code session} needs a caller, which Jakarta Security
 * has authenticated before the request got here ({@link Caller}): from {@code Authorization: Bearer <token>}
 * (the operator's token or a user's API key) or the session cookie of a sign-in. This filter answers the
 * anonymous with the API's 401 problem+json, and checks a cookie's writes for the CSRF header.
 * Pre-matching, so an unknown path answers 401 too and the API's shape is hidden from whoever has no token.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final List<String> OPEN_PATHS = List.of("health", "login", "session");

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceAll("^/+|/+$", "");
        if (OPEN_PATHS.contains(path)) {
            return;
        }
        Cookie session = request.getCookies().get(SessionCookie.NAME);
        Presented presented = Presented.of(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                session == null ? null : session.getValue());
        if (caller.known().isPresent()) {
            if (presented.kind() == Presented.Kind.SESSION) {
                SessionCookie.requireCsrf(presented.secret().orElseThrow(), request.getMethod(),
                        request.getHeaderString(SessionCookie.CSRF_HEADER));
            }
            return;
        }
        if (presented.kind() == Presented.Kind.SESSION) {
            throw new PaasmakerException(ErrorCode.UNAUTHORIZED, "the session has ended; sign in again");
        }
        request.abortWith(Problems.builder(Problem.of(ErrorCode.UNAUTHORIZED, presented.kind() == Presented.Kind.BEARER
                ? "the token is not this server's, nor an active API key; use the one in $PAASMAKER_HOME/token"
                        + " or PAASMAKER_TOKEN, or a key from 'paasmaker login'"
                : "send the API token as 'Authorization: Bearer <token>'; the server's log says where it is",
                List.of())).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"paasmaker\"").build());
    }
}
