package org.paasmaker.api.routing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate the router serves over HTTPS, with the names it covers: DNS names and single-label
 * wildcards ({@code *.hello.com}) as its subject alternative names list them. The router picks the
 * certificate for a connection by its SNI name the way routes are matched: an exact name first, then
 * {@code *.} plus each ever shorter suffix. {@code chainPem} holds the certificate first and then its
 * intermediates; {@code keyPem} the matching private key (PKCS#8, {@code BEGIN PRIVATE KEY}). Both
 * were checked before they reached a routing table.
 */
public record ServedCertificate(List<String> names, String chainPem, String keyPem) {

    public ServedCertificate {
        Objects.requireNonNull(names, "a served certificate needs its names");
        names = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a served certificate covers at least one name");
        }
        if (chainPem == null || !chainPem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("the certificate for " + names + " has no PEM certificate chain");
        }
        if (keyPem == null || !keyPem.contains("PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the certificate for " + names + " has no PEM private key");
        }
    }

    /** Names only: the key stays out of logs. */
    @Override
    public String toString() {
        return "ServedCertificate" + names;
    }
}
