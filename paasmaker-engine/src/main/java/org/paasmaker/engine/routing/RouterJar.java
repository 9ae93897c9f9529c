package org.paasmaker.engine.routing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A router jar as a launch runs it: its file, and the first 16 hex digits of its SHA-256, which name
 * its class data sharing archive ({@link RouterArchive}), so that an archive made from another jar is
 * never used.
 */
record RouterJar(Path file, String checksum) {

    /**
     * The jar at {@code file}, whose bytes the caller has in hand (the carried jar it copies out): the
     * checksum comes from them, not from reading some 9 MB again.
     */
    static RouterJar of(Path file, byte[] bytes) {
        MessageDigest digest = sha256();
        digest.update(bytes);
        return new RouterJar(file, shortHex(digest));
    }

    /** Reads the jar at {@code file} for its checksum; none when it cannot be read (the launch then says why). */
    static Optional<RouterJar> read(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return Optional.of(new RouterJar(file, shortHex(in.getMessageDigest())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String shortHex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
