package org.paasmaker.engine.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The secret the controller and its node agents share: every call between them carries it as a
 * bearer token, in both directions. It is compared in constant time, so its length and prefix do not
 * leak through how fast a wrong one is refused.
 */
public final class NodeToken {

    /** The token file's name in the controller's home, when {@code PAASMAKER_NODE_TOKEN} is not set. */
    public static final String FILE = "node-token";

    private final String value;
    /** Where the operator set it, for the error a wrong one gets. */
    private final String origin;

    public NodeToken(String value, String origin) {
        if (value == null || value.isBlank()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the node token from " + origin + " is empty");
        }
        this.value = value.strip();
        this.origin = origin;
    }

    /** The token in a file (its first line), or an error that names the file. */
    public static NodeToken readFile(Path file) {
        try {
            return new NodeToken(Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse(""),
                    file.toString());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "cannot read the node token file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The file's token when the file exists. */
    static Optional<NodeToken> readIfPresent(Path file) {
        return Files.isRegularFile(file) ? Optional.of(readFile(file)) : Optional.empty();
    }

    /** Whether an {@code Authorization} header carries this token. */
    public boolean authorizes(String authorization) {
        String given = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).strip() : "";
        // Digests first: isEqual takes the same time for any two arrays of one length, and digests have one.
        return MessageDigest.isEqual(sha256(value), sha256(given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The {@code Authorization} header's value. */
    public String header() {
        return "Bearer " + value;
    }

    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "the node token from " + origin;
    }
}
