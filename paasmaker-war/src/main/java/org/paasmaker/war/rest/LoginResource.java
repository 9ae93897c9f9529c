package org.paasmaker.war.rest;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.rest.ApiKeyJson;
import org.paasmaker.api.rest.IssuedApiKeyJson;
import org.paasmaker.api.rest.LoginRequest;
import org.paasmaker.api.rest.Problem;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.security.Open;

/**
 * {@code POST /api/v1/login}: a user's name and password give a new API key, as {@code paasmaker login}
 * stores it. Needs no token. A wrong password and an unknown user are the same 401, so the answer
 * tells nobody which names exist.
 */
@Path("login")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    @Inject
    Access access;

    @Context
    HttpServletRequest http;

    @POST
    @Open
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(LoginRequest request) {
        Bodies.required(request, "{\"name\": \"ann\", \"password\": \"...\", \"keyName\": \"laptop\"}");
        return access.signIn(request.name(), request.password(), http.getRemoteAddr()).map(user -> {
            Access.IssuedKey issued = access.issueKey(user.id(), request.keyName() == null ? "login" : request.keyName());
            return Response.status(Response.Status.CREATED)
                    .entity(new IssuedApiKeyJson(ApiKeyJson.of(issued.key()), issued.secret())).build();
        }).orElseGet(() -> Problems.builder(Problem.of(ErrorCode.UNAUTHORIZED,
                "the user name or the password is wrong", List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"paasmaker\"").build());
    }
}
