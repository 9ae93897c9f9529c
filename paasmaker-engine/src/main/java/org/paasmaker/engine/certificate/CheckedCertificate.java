package org.paasmaker.engine.certificate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain and its key that passed {@link CertificateCheck}: the DNS names it covers, who
 * issued it, when it is valid, the chain (leaf first) and the key as PKCS#8 PEM.
 */
public record CheckedCertificate(List<String> names, String issuer, Instant notBefore, Instant notAfter,
        String chainPem, String keyPem) {

    public CheckedCertificate {
        names = List.copyOf(names);
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(chainPem, "chainPem");
        Objects.requireNonNull(keyPem, "keyPem");
    }

    /** The hostnames among these that the certificate does not cover. */
    public List<String> uncovered(List<String> hostnames) {
        return hostnames.stream().filter(hostname -> !CertificateNames.covers(names, hostname)).toList();
    }

    /** Names and expiry only: the key stays out of logs. */
    @Override
    public String toString() {
        return "CheckedCertificate" + names + " until " + notAfter;
    }
}
