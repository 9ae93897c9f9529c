package org.paasmaker.engine.certificate;

import java.util.Objects;

/**
 * A certificate as an authority issued it: its PEM chain (the certificate first, then the
 * intermediates) and its new private key in PKCS#8 PEM.
 */
public record IssuedCertificate(String chainPem, String keyPem) {

    public IssuedCertificate {
        Objects.requireNonNull(chainPem, "an issued certificate needs its chain");
        Objects.requireNonNull(keyPem, "an issued certificate needs its key");
    }

    /** The chain's first lines only: the key stays out of logs. */
    @Override
    public String toString() {
        return "IssuedCertificate[" + chainPem.lines().limit(2).toList() + "]";
    }
}
