package org.paasmaker.engine.acme;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.List;

/**
 * A PKCS#10 certificate signing request (RFC 2986) for DNS names, signed with an EC key: the names
 * go into a subjectAltName extension request, where ACME servers read them (RFC 8555, section
 * 7.4), and the first also into the subject's common name when it fits its 64 characters.
 */
final class CertificateRequest {

    private static final String COMMON_NAME = "2.5.4.3";
    private static final String EXTENSION_REQUEST = "1.2.840.113549.1.9.14";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final int COMMON_NAME_LIMIT = 64;
    private static final int DNS_NAME = 2;

    private CertificateRequest() {
    }

    /** The request's DER bytes, as ACME's finalize takes them (base64url-encoded). */
    static byte[] der(List<String> names, KeyPair key) throws GeneralSecurityException {
        byte[] subject = names.get(0).length() <= COMMON_NAME_LIMIT
                ? Der.sequence(Der.set(Der.sequence(Der.objectIdentifier(COMMON_NAME), Der.utf8String(names.get(0)))))
                : Der.sequence();
        byte[][] dnsNames = names.stream()
                .map(name -> Der.contextPrimitive(DNS_NAME, name.getBytes(StandardCharsets.US_ASCII)))
                .toArray(byte[][]::new);
        byte[] subjectAltName = Der.sequence(Der.objectIdentifier(SUBJECT_ALT_NAME),
                Der.octetString(Der.sequence(dnsNames)));
        byte[] attributes = Der.contextConstructed(0,
                Der.sequence(Der.objectIdentifier(EXTENSION_REQUEST), Der.set(Der.sequence(subjectAltName))));
        byte[] info = Der.sequence(Der.integer(0), subject, key.getPublic().getEncoded(), attributes);
        // X.509 carries ECDSA signatures as a DER SEQUENCE of r and s, the JDK's default form.
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update(info);
        return Der.sequence(info, Der.sequence(Der.objectIdentifier(ECDSA_WITH_SHA256)), Der.bitString(signer.sign()));
    }
}
