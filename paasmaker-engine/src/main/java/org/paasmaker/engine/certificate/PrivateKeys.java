package org.paasmaker.engine.certificate;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Reads a PEM private key on the JDK alone: PKCS#8 ({@code PRIVATE KEY}) as it is, PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) by wrapping them into PKCS#8, which is
 * what the routers are given. Encrypted keys are refused: the platform would need their passphrase
 * at every start.
 */
final class PrivateKeys {

    /** rsaEncryption, 1.2.840.113549.1.1.1, with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** id-ecPublicKey, 1.2.840.10045.2.1, whose parameters (the curve) follow. */
    private static final byte[] EC_ALGORITHM = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private PrivateKeys() {
    }

    /** The one private key of the PEM text, as PKCS#8. */
    static PrivateKey read(String pem) {
        List<Pem> keys;
        try {
            keys = Pem.parse(pem == null ? "" : pem).stream().filter(b -> b.type().endsWith("PRIVATE KEY")).toList();
        } catch (IllegalArgumentException e) {
            throw invalid("the key is not PEM: " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw invalid("the key is not a PEM private key: give the file that begins with -----BEGIN PRIVATE KEY-----"
                    + " (or RSA PRIVATE KEY, EC PRIVATE KEY)");
        }
        if (keys.size() > 1) {
            throw invalid("the key file holds " + keys.size() + " private keys; give only the certificate's own key");
        }
        Pem key = keys.get(0);
        if (key.type().equals("ENCRYPTED PRIVATE KEY") || key.headers().stream().anyMatch(h -> h.contains("ENCRYPTED"))) {
            throw invalid("the private key is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)"
                    + " — the platform keeps it readable by itself alone");
        }
        byte[] pkcs8 = switch (key.type()) {
            case "PRIVATE KEY" -> key.der();
            case "RSA PRIVATE KEY" -> pkcs8(RSA_ALGORITHM, key.der());
            case "EC PRIVATE KEY" -> pkcs8(sequence(EC_ALGORITHM, curve(key.der())), key.der());
            default -> throw invalid("a " + key.type() + " is no key the platform reads; convert it to PKCS#8"
                    + " (openssl pkcs8 -topk8 -nocrypt -in key.pem -out plain.pem)");
        };
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // Not a key of this algorithm; try the next.
            }
        }
        throw invalid("the " + key.type() + " cannot be read as an RSA, EC or EdDSA key; check that the file is a"
                + " whole, unencrypted private key");
    }

    /** The key as PKCS#8 PEM, the form routers read. */
    static String pem(PrivateKey key) {
        return Pem.write("PRIVATE KEY", key.getEncoded());
    }

    /** PrivateKeyInfo: version 0, the algorithm, the key in an OCTET STRING. */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return sequence(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key));
    }

    /**
     * The named curve of a SEC1 ECPrivateKey ({@code SEQUENCE {version, OCTET STRING, [0] curve OID,
     * [1] public key}}), as the OID's TLV bytes.
     */
    private static byte[] curve(byte[] sec1) {
        try {
            return namedCurve(sec1);
        } catch (IndexOutOfBoundsException e) {
            throw invalid("the EC PRIVATE KEY is cut short; give the whole key file");
        }
    }

    private static byte[] namedCurve(byte[] sec1) {
        Der outer = new Der(sec1, 0);
        if (outer.tag() != 0x30) {
            throw invalid("the EC PRIVATE KEY is no SEC1 structure");
        }
        int at = outer.contentStart();
        while (at < outer.end()) {
            Der field = new Der(sec1, at);
            if (field.tag() == 0xa0) {
                Der oid = new Der(sec1, field.contentStart());
                if (oid.tag() == 0x06) {
                    return Arrays.copyOfRange(sec1, field.contentStart(), oid.end());
                }
            }
            at = field.end();
        }
        throw invalid("the EC PRIVATE KEY does not name its curve; write it with its parameters"
                + " (openssl ec -in key.pem -out named.pem) or as PKCS#8");
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static PaasmakerException invalid(String message) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, message);
    }

    /** One DER element's tag and extent, for the little walking SEC1 needs. */
    private record Der(int tag, int contentStart, int end) {

        Der(byte[] bytes, int at) {
            this(bytes[at] & 0xff, contentStart(bytes, at), contentStart(bytes, at) + length(bytes, at));
        }

        private static int contentStart(byte[] bytes, int at) {
            int first = bytes[at + 1] & 0xff;
            return at + 2 + (first < 0x80 ? 0 : first & 0x7f);
        }

        private static int length(byte[] bytes, int at) {
            int first = bytes[at + 1] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = length << 8 | bytes[at + 2 + i] & 0xff;
            }
            return length;
        }
    }
}
