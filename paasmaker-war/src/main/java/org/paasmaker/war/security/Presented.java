package org.paasmaker.war.security;

import java.util.Optional;

/**
 * The credential a request presents, read alike by the authentication mechanism (which validates it)
 * and the API's filter (which words the 401 and asks a cookie's writes for the CSRF header): an
 * {@code Authorization} header wins over the session cookie, as a script's token is meant over a
 * browser's leftover cookie.
 *
 * @param secret the bearer token or the cookie's key; empty for {@link Kind#NONE} and {@link Kind#OTHER_SCHEME}
 */
public record Presented(Kind kind, Optional<String> secret) {

    private static final String SCHEME = "Bearer ";

    public enum Kind {
        /** Neither a header nor the cookie. */
        NONE,
        /** An {@code Authorization} header of another scheme than Bearer. */
        OTHER_SCHEME,
        BEARER,
        SESSION
    }

    public static Presented of(String authorization, String sessionCookie) {
        if (authorization == null) {
            return sessionCookie == null ? new Presented(Kind.NONE, Optional.empty())
                    : new Presented(Kind.SESSION, Optional.of(sessionCookie));
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return new Presented(Kind.OTHER_SCHEME, Optional.empty());
        }
        return new Presented(Kind.BEARER, Optional.of(authorization.substring(SCHEME.length()).strip()));
    }
}
