package org.paasmaker.api.routing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ACME HTTP-01 challenge the router answers: a plain HTTP {@code GET
 * /.well-known/acme-challenge/<token>} for any hostname gets {@code keyAuthorization} as
 * {@code text/plain} (RFC 8555, section 8.3), before any route or redirect is considered.
 */
public record AcmeChallenge(String token, String keyAuthorization) {

    /** RFC 8555's base64url alphabet; anything else could not have come from an ACME server. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,}");

    public AcmeChallenge {
        Objects.requireNonNull(token, "an ACME challenge needs its token");
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("'" + token + "' is no ACME token: 16 or more base64url characters");
        }
        if (keyAuthorization == null || !keyAuthorization.startsWith(token + ".")) {
            throw new IllegalArgumentException("the key authorization of ACME token " + token
                    + " must be the token, a dot and the account key's thumbprint");
        }
    }
}
