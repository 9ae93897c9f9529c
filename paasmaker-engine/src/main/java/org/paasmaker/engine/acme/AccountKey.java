package org.paasmaker.engine.acme;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The ACME account's key: EC P-256, signing JWS with ES256 (RFC 7518, section 3.4). It is made
 * once and kept in a file readable by the platform's user alone, as a PKCS#8 private key followed
 * by its public key (the JDK cannot derive the one from the other), so that the platform keeps its
 * account across restarts.
 */
final class AccountKey {

    private static final int COORDINATE_BYTES = 32;

    private final KeyPair pair;
    private final Map<String, String> jwk;

    private AccountKey(KeyPair pair) {
        this.pair = pair;
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        // The members in lexicographic order, as the thumbprint (RFC 7638) needs them.
        Map<String, String> members = new LinkedHashMap<>();
        members.put("crv", "P-256");
        members.put("kty", "EC");
        members.put("x", base64url(unsigned(publicKey.getW().getAffineX())));
        members.put("y", base64url(unsigned(publicKey.getW().getAffineY())));
        this.jwk = Map.copyOf(members);
    }

    /** The key in {@code file}, made and written there first if the file does not exist. */
    static AccountKey loadOrCreate(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (Files.exists(file)) {
                return load(file);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            write(file, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded())
                    + Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new AccountKey(pair);
        } catch (IOException | GeneralSecurityException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the ACME account key " + file
                    + " cannot be made: " + e.getMessage(), e);
        }
    }

    private static AccountKey load(Path file) throws IOException {
        List<Pem.Block> blocks = Pem.decode(Files.readString(file, StandardCharsets.US_ASCII));
        byte[] privateDer = der(blocks, "PRIVATE KEY");
        byte[] publicDer = der(blocks, "PUBLIC KEY");
        if (privateDer == null || publicDer == null) {
            throw unusable(file, "it lacks a PRIVATE KEY or a PUBLIC KEY block", null);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            KeyPair pair = new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicDer)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
            if (((ECPublicKey) pair.getPublic()).getParams().getCurve().getField().getFieldSize() != 256) {
                throw unusable(file, "its key is not on the P-256 curve", null);
            }
            return new AccountKey(pair);
        } catch (GeneralSecurityException e) {
            throw unusable(file, e.getMessage(), e);
        }
    }

    private static byte[] der(List<Pem.Block> blocks, String label) {
        return blocks.stream().filter(block -> block.label().equals(label)).map(Pem.Block::der).findFirst()
                .orElse(null);
    }

    private static PaasmakerException unusable(Path file, String why, Exception cause) {
        return new PaasmakerException(ErrorCode.INTERNAL, "the ACME account key " + file + " is unusable: " + why
                + "; move it away to register a new account", cause);
    }

    /** Written whole under another name and then renamed, so that no reader sees half a key. */
    private static void write(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, content, StandardCharsets.US_ASCII);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The public key as a JWK ({@code kty}, {@code crv}, {@code x}, {@code y}). */
    Map<String, String> jwk() {
        return jwk;
    }

    /** The JWK thumbprint (RFC 7638), base64url: what follows the token in a key authorization. */
    String thumbprint() {
        String json = "{\"crv\":\"" + jwk.get("crv") + "\",\"kty\":\"" + jwk.get("kty") + "\",\"x\":\""
                + jwk.get("x") + "\",\"y\":\"" + jwk.get("y") + "\"}";
        try {
            return base64url(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The ES256 signature of the JWS signing input: r and s side by side, as JWS has them. */
    byte[] sign(byte[] input) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(pair.getPrivate());
            signer.update(input);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK signs ES256", e);
        }
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger coordinate) {
        byte[] bytes = coordinate.toByteArray();
        if (bytes.length == COORDINATE_BYTES) {
            return bytes;
        }
        byte[] fixed = new byte[COORDINATE_BYTES];
        int length = Math.min(bytes.length, COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - length, fixed, COORDINATE_BYTES - length, length);
        return fixed;
    }
}
