package org.paasmaker.api.certificate;

import java.util.Arrays;
import java.util.Locale;

/** Where a certificate came from: a user uploaded it, or the platform obtained it with ACME (and renews it). */
public enum CertificateSource {
    UPLOADED,
    ACME;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CertificateSource fromWire(String value) {
        return Arrays.stream(values()).filter(source -> source.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is no certificate source: uploaded or acme"));
    }
}
