package org.paasmaker.api.rest;

import java.util.List;

/**
 * The body of an uploaded certificate: {@code {"chainPem", "keyPem", "hostnames"}}: the PEM chain (the
 * certificate first, then its intermediates), its unencrypted private key (PKCS#8, PKCS#1 or SEC1 PEM),
 * and the application's hostnames it is for; with none (or null), those of its hostnames it covers.
 */
public record CertificateUpload(String chainPem, String keyPem, List<String> hostnames) {

    public CertificateUpload {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }

    /** The hostnames only: the key stays out of logs. */
    @Override
    public String toString() {
        return "CertificateUpload" + hostnames;
    }
}
