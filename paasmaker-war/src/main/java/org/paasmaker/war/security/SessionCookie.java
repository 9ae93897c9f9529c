package org.paasmaker.war.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The console's sign-in: the cookie holds an API key made for the session (HttpOnly, SameSite=Strict,
 * Secure over HTTPS), and every write it authenticates must also carry {@value #CSRF_HEADER} with the
 * token the sign-in answered. The token is derived from the cookie's secret, so the server keeps no
 * state for it, and a page of another site can read neither.
 */
public final class SessionCookie {

    public static final String NAME = "paasmaker_session";
    public static final String CSRF_HEADER = "X-Paasmaker-CSRF";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private SessionCookie() {
    }

    public static String csrfToken(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("paasmaker-csrf:" + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A 403 for a write the session cookie authenticated without the session's CSRF token. */
    public static void requireCsrf(String secret, String method, String presented) {
        if (!READS.contains(method) && !csrfMatches(secret, presented)) {
            throw new PaasmakerException(ErrorCode.FORBIDDEN, "a change made with the session cookie needs the"
                    + " header " + CSRF_HEADER + " with the csrfToken the sign-in answered");
        }
    }

    /** In constant time. */
    static boolean csrfMatches(String secret, String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken(secret).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
