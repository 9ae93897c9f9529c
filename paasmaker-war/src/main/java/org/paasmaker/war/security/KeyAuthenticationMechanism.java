package org.paasmaker.war.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;

/**
 * The application's Jakarta Security mechanism: the container calls it on every request, and it
 * validates the bearer token or the session cookie through the {@link AccessIdentityStore} and tells the
 * container who the caller is. It never answers itself: a request without a valid credential goes on
 * as anonymous, and the API's filter answers it with the 401 problem+json every other error shares
 * (a mechanism's {@code responseUnauthorized} would be the container's bare 401). Likewise a failure
 * of the store (its database) is handed on to {@link Caller}, so it becomes the API's 500 rather than
 * the container's plain-text 403.
 */
@ApplicationScoped
class KeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The request attribute holding what the identity store threw. */
    static final String FAILURE = KeyAuthenticationMechanism.class.getName() + ".failure";

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Presented presented = Presented.of(request.getHeader("Authorization"), sessionCookie(request));
        if (presented.secret().isEmpty()) {
            return context.doNothing();
        }
        CredentialValidationResult result;
        try {
            result = identityStores.validate(new KeyCredential(presented.secret().get()));
        } catch (RuntimeException e) {
            request.setAttribute(FAILURE, e);
            return context.doNothing();
        }
        return result.getStatus() == CredentialValidationResult.Status.VALID
                ? context.notifyContainerAboutLogin(result)
                : context.doNothing();
    }

    private static String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? null : Arrays.stream(cookies).filter(c -> c.getName().equals(SessionCookie.NAME))
                .map(Cookie::getValue).findFirst().orElse(null);
    }
}
