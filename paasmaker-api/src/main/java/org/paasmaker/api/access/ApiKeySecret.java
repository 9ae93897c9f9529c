package org.paasmaker.api.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret of an API key: {@code pmk_} and 32 random bytes in URL-safe Base64. It is stored only as
 * its SHA-256: 256 random bits need no slow hash (no dictionary reaches them), and a fast one lets each
 * request find its key by an indexed lookup.
 */
public final class ApiKeySecret {

    private static final String PREFIX = "pmk_";
    private static final Pattern FORM = Pattern.compile("pmk_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecret() {
    }

    /** A new secret, to show its owner once. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored hash of a presented secret; empty when it is not in the form of one. */
    public static Optional<String> hash(String presented) {
        if (presented == null || !FORM.matcher(presented).matches()) {
            return Optional.empty();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.US_ASCII));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
