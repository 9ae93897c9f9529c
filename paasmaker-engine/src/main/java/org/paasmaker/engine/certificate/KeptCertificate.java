package org.paasmaker.engine.certificate;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.paasmaker.api.certificate.Certificate;
import org.paasmaker.api.routing.ServedCertificate;

/** A certificate with its chain and key, as the store keeps it and the routers are given it. */
public record KeptCertificate(Certificate certificate, String chainPem, String keyPem) {

    public KeptCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(chainPem, "chainPem");
        Objects.requireNonNull(keyPem, "keyPem");
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new certificate id: 16 random hex digits. A renewed certificate gets a new one. */
    public static String newId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    public String id() {
        return certificate.id();
    }

    public ServedCertificate served() {
        return new ServedCertificate(certificate.names(), chainPem, keyPem);
    }

    /** The record only: the key stays out of logs. */
    @Override
    public String toString() {
        return "KeptCertificate[" + certificate + "]";
    }
}
