package org.paasmaker.war.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.engine.ApiToken;

/**
 * Who a bearer token belongs to: the operator's token (the super token, which bypasses permissions)
 * or a user's active API key, read from the database on every request so a revocation counts at once.
 * A JAX-RS filter calls it rather than a Jakarta Security mechanism: the API's 401s and 403s stay the
 * one problem+json shape the rest of the API writes.
 */
@RequestScoped
public class Authentication {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Access access;

    @Inject
    Caller caller;

    /** Whether the token is known; if so, the request's {@link Caller} is set. */
    public boolean authenticate(ApiToken operatorToken, String presented) {
        if (operatorToken.matches(presented)) {
            caller.authenticated(Authority.operator());
            return true;
        }
        return access.authenticate(presented).map(user -> {
            caller.authenticated(access.authority(user));
            return true;
        }).orElse(false);
    }

    /**
     * The caller of a request that came with the session cookie and no token: a 401 for a cookie whose
     * key is not active, and a 403 for a write without the session's CSRF token.
     */
    public void authenticateSession(ApiToken operatorToken, String secret, String method, String csrf) {
        if (!authenticate(operatorToken, secret)) {
            throw new PaasmakerException(ErrorCode.UNAUTHORIZED, "the session has ended; sign in again");
        }
        if (!READS.contains(method) && !SessionCookie.csrfMatches(secret, csrf)) {
            throw new PaasmakerException(ErrorCode.FORBIDDEN, "a change made with the session cookie needs the"
                    + " header " + SessionCookie.CSRF_HEADER + " with the csrfToken the sign-in answered");
        }
    }
}
