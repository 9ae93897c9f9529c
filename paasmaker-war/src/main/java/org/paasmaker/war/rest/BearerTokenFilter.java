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
import org.paasmaker.war.engine.ApiToken;
import org.paasmaker.war.security.Authentication;
import org.paasmaker.war.security.SessionCookie;

/**
 * Every path but {@code health}, {@code login} and {@code session} needs {@code Authorization: Bearer <token>}:
 * the operator's token or a user's API key (see {@link Authentication}), or the session cookie of a sign-in. Pre-matching, so an
 * unknown path answers 401 too and the API's shape is hidden from whoever has no token.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";
    private static final List<String> OPEN_PATHS = List.of("health", "login", "session");

    @Inject
    ApiToken token;

    @Inject
    Authentication authentication;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceAll("^/+|/+$", "");
        if (OPEN_PATHS.contains(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie session = request.getCookies().get(SessionCookie.NAME);
        if (header == null && session != null) {
            authentication.authenticateSession(token, session.getValue(), request.getMethod(),
                    request.getHeaderString(SessionCookie.CSRF_HEADER));
            return;
        }
        boolean bearer = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        if (!bearer || !authentication.authenticate(token, header.substring(SCHEME.length()).strip())) {
            request.abortWith(Problems.builder(Problem.of(ErrorCode.UNAUTHORIZED, bearer
                    ? "the token is not this server's, nor an active API key; use the one in $PAASMAKER_HOME/token"
                            + " or PAASMAKER_TOKEN, or a key from 'paasmaker login'"
                    : "send the API token as 'Authorization: Bearer <token>'; the server's log says where it is",
                    List.of())).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"paasmaker\"").build());
        }
    }
}
