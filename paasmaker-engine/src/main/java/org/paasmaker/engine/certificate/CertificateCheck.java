package org.paasmaker.engine.certificate;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Checks an uploaded (or issued) certificate before the platform keeps it, each refusal a sentence a
 * user can act on: both are PEM; the key is the certificate's (a signature made with the key verifies
 * with the certificate's public key, for RSA, EC and EdDSA alike); it is valid now; it covers the
 * hostnames asked for; and the chain is in order. A chain out of order is refused rather than
 * reordered: some clients (older Android, curl with a strict store) fail on it, and the user's file
 * would disagree with what is served.
 */
public final class CertificateCheck {

    private static final int DNS_NAME = 2;

    private CertificateCheck() {
    }

    /**
     * @param hostnames the names it must cover (none to check only the rest)
     * @throws PaasmakerException ({@code INVALID_REQUEST}) saying what is wrong and what to do
     */
    public static CheckedCertificate check(String chainPem, String keyPem, List<String> hostnames, Instant now) {
        List<X509Certificate> chain = chain(chainPem);
        PrivateKey key = PrivateKeys.read(keyPem);
        X509Certificate leaf = chain.get(0);
        if (!matches(key, leaf.getPublicKey())) {
            for (int i = 1; i < chain.size(); i++) {
                if (matches(key, chain.get(i).getPublicKey())) {
                    throw PrivateKeys.invalid("the chain is out of order: the key belongs to certificate " + (i + 1)
                            + " (" + subject(chain.get(i)) + "), but the chain begins with " + subject(leaf)
                            + "; put the server's certificate first, then each intermediate after the one it signed");
                }
            }
            throw PrivateKeys.invalid("the private key does not match the certificate (" + subject(leaf)
                    + "); give the key that was made with this certificate's signing request");
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!signed(chain.get(i + 1), chain.get(i))) {
                throw PrivateKeys.invalid("the chain is out of order: certificate " + (i + 2) + " ("
                        + subject(chain.get(i + 1)) + ") did not sign certificate " + (i + 1) + " ("
                        + subject(chain.get(i)) + "), which " + leafIssuer(chain.get(i)) + " issued; put the server's"
                        + " certificate first, then each intermediate after the one it signed");
            }
        }
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw PrivateKeys.invalid("the certificate for " + names(leaf) + " expired at " + notAfter
                    + "; renew it with its authority and upload the new one");
        }
        if (now.isBefore(notBefore)) {
            throw PrivateKeys.invalid("the certificate for " + names(leaf) + " is not valid until " + notBefore
                    + "; upload it then, or check this machine's clock");
        }
        CheckedCertificate checked = new CheckedCertificate(names(leaf), leaf.getIssuerX500Principal().getName(
                X500Principal.RFC2253), notBefore, notAfter, pem(chain), PrivateKeys.pem(key));
        List<String> uncovered = checked.uncovered(hostnames);
        if (!uncovered.isEmpty()) {
            throw PrivateKeys.invalid("the certificate does not cover " + String.join(", ", uncovered)
                    + "; its names are " + String.join(", ", checked.names())
                    + " (a wildcard *.example.com covers one label: a.example.com, not a.b.example.com nor example.com)");
        }
        return checked;
    }

    private static List<X509Certificate> chain(String chainPem) {
        List<Pem> blocks;
        try {
            blocks = Pem.parse(chainPem == null ? "" : chainPem);
        } catch (IllegalArgumentException e) {
            throw PrivateKeys.invalid("the certificate chain is not PEM: " + e.getMessage());
        }
        List<Pem> certificates = blocks.stream().filter(block -> block.type().equals("CERTIFICATE")).toList();
        if (certificates.isEmpty()) {
            throw PrivateKeys.invalid("the certificate chain is not PEM: give the file that begins with"
                    + " -----BEGIN CERTIFICATE----- (the server's certificate, then its intermediates)");
        }
        if (blocks.stream().anyMatch(block -> block.type().endsWith("PRIVATE KEY"))) {
            throw PrivateKeys.invalid("the certificate chain holds a private key; give the key on its own and the"
                    + " chain without it");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pem certificate : certificates) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate.der())));
            }
        } catch (CertificateException e) {
            throw PrivateKeys.invalid("certificate " + (chain.size() + 1) + " of the chain cannot be read as X.509: "
                    + e.getMessage());
        }
        return chain;
    }

    private static boolean matches(PrivateKey key, PublicKey certificateKey) {
        if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())
                && !(key.getAlgorithm().startsWith("Ed") && certificateKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> key.getAlgorithm();
            };
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean signed(X509Certificate issuer, X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The subject alternative DNS names, lowercased; a certificate without them covers no hostname for clients. */
    private static List<String> names(X509Certificate certificate) {
        Collection<List<?>> alternatives;
        try {
            alternatives = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw PrivateKeys.invalid("the subject alternative names of " + subject(certificate)
                    + " cannot be read: " + e.getMessage());
        }
        List<String> names = alternatives == null ? List.of() : alternatives.stream()
                .filter(entry -> entry.get(0) instanceof Integer type && type == DNS_NAME)
                .map(entry -> ((String) entry.get(1)).toLowerCase(Locale.ROOT)).distinct().toList();
        if (names.isEmpty()) {
            throw PrivateKeys.invalid("the certificate " + subject(certificate) + " lists no DNS names (subject"
                    + " alternative names), so browsers accept it for no hostname; have it issued with them");
        }
        return names;
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static String leafIssuer(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    private static String pem(List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : chain) {
                pem.append(Pem.write("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw PrivateKeys.invalid("a certificate of the chain cannot be encoded again: " + e.getMessage());
        }
        return pem.toString();
    }
}
