package org.paasmaker.engine.certificate;

import java.util.Collection;
import java.util.Locale;

/**
 * Whether a certificate's DNS names cover a hostname, as a TLS client judges it (RFC 6125, section
 * 6.4.3): an exact name, or a wildcard {@code *.hello.com} for exactly one more label
 * ({@code a.hello.com}, not {@code a.b.hello.com} nor {@code hello.com}). A hostname pattern that is
 * itself a wildcard is covered only by the same wildcard.
 */
public final class CertificateNames {

    private CertificateNames() {
    }

    public static boolean covers(Collection<String> names, String hostname) {
        String host = hostname.toLowerCase(Locale.ROOT);
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals(host)) {
                return true;
            }
            if (lower.startsWith("*.") && !host.startsWith("*")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot + 1).equals(lower.substring(2))) {
                    return true;
                }
            }
        }
        return false;
    }
}
