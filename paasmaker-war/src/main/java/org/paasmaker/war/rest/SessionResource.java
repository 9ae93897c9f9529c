package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.paasmaker.api.access.ApiKeySecret;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.rest.LoginRequest;
import org.paasmaker.api.rest.Problem;
import org.paasmaker.api.rest.SessionJson;
import org.paasmaker.api.rest.UserJson;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.security.Open;
import org.paasmaker.war.security.SessionCookie;

/**
 * {@code /api/v1/session}: the sign-in for people in a browser. POST (no token) checks the name and
 * password and sets the session cookie, an API key of the user's made for it, and answers what the user
 * may do (for the console to offer only that); DELETE revokes that key
 * and clears the cookie. A wrong password and an unknown user are the same 401.
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    Access access;

    @Context
    HttpServletRequest http;

    @Context
    UriInfo uris;

    @POST
    @Open
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(LoginRequest request) {
        Bodies.required(request, "{\"name\": \"ann\", \"password\": \"...\"}");
        return access.signIn(request.name(), request.password(), http.getRemoteAddr()).map(user -> {
            Access.IssuedKey issued = access.issueKey(user.id(), "browser session");
            return Response.ok(SessionJson.of(UserJson.of(user), SessionCookie.csrfToken(issued.secret()),
                    access.authority(user)))
                    .cookie(cookie(issued.secret(), NewCookie.DEFAULT_MAX_AGE)).build();
        }).orElseGet(() -> Problems.builder(Problem.of(ErrorCode.UNAUTHORIZED,
                "the user name or the password is wrong", List.of())).build());
    }

    /**
     * Ends the session of the cookie: its key is revoked, so a copy of the cookie is refused too. Needs
     * nothing but the cookie, whose holder may end it anyway.
     */
    @DELETE
    @Open
    public Response signOut(@CookieParam(SessionCookie.NAME) String secret) {
        if (secret != null) {
            ApiKeySecret.hash(secret).flatMap(hash -> access.store().keys().findByHash(hash))
                    .ifPresent(key -> access.revokeKey(key.user(), key.id()));
        }
        return Response.noContent().cookie(cookie("", 0)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(SessionCookie.NAME).value(value).path("/api").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure("https".equals(uris.getBaseUri().getScheme()))
                .maxAge(maxAge).build();
    }
}
