package org.paasmaker.api.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * A password as stored: PBKDF2 with HMAC-SHA256 from the JDK, a 16-byte random salt per password,
 * {@value #ITERATIONS} iterations (OWASP's 2023 advice for this function) and a 32-byte result. The
 * encoded form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} keeps the parameters, so a stored hash
 * still verifies after the defaults grow.
 */
public final class PasswordHash {

    public static final int ITERATIONS = 600_000;
    public static final int MIN_LENGTH = 8;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** The hash of a new password, which must have {@value #MIN_LENGTH} characters at least. */
    public static PasswordHash of(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the password is too short: give "
                    + MIN_LENGTH + " characters at least");
        }
        return of(password, ITERATIONS);
    }

    /** With fewer iterations than a stored password deserves: for tests that create many users. */
    public static PasswordHash of(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** A hash as {@link #encoded()} wrote it. */
    public static PasswordHash decode(String encoded) {
        String[] parts = Objects.requireNonNull(encoded, "encoded").split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "a stored password hash is not in the form "
                    + SCHEME + "$<iterations>$<salt>$<hash>");
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new PasswordHash(Integer.parseInt(parts[1]), base64.decode(parts[2]), base64.decode(parts[3]));
    }

    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** In constant time over the hash, so timing tells nothing about how close a guess came. */
    public boolean matches(String password) {
        return password != null && MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "this Java has no PBKDF2WithHmacSHA256: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }
}
