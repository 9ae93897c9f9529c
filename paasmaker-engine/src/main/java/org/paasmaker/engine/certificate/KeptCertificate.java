package org.paasmaker.engine.certificate;

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
