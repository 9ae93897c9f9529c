package org.paasmaker.router;

import io.netty.handler.ssl.SslContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.routing.ServedCertificate;

/**
 * The certificates of one routing table, compiled for SNI: a name finds its certificate the way a
 * Host header finds its route ({@link HostMatcher}: the exact name, then {@code *.} plus each ever
 * shorter suffix). Immutable, and part of the {@link RouteSnapshot}, so a connection's certificate
 * and its request's route always come from the same table.
 */
final class ServedCertificates {

    static final ServedCertificates NONE = new ServedCertificates(Map.of(), Map.of());

    /** Each certificate's context, by its PEM: kept by the next table that serves the same PEM. */
    private final Map<Pem, SslContext> contexts;
    private final HostMatcher<SslContext> byName;

    private ServedCertificates(Map<Pem, SslContext> contexts, Map<String, SslContext> names) {
        this.contexts = contexts;
        this.byName = new HostMatcher<>(names);
    }

    /**
     * Compiles a table's certificates, reusing the contexts of {@code before} whose PEM did not change
     * (making one parses the key and costs a millisecond or more). When two certificates name the same
     * name, the first one listed serves it.
     *
     * @throws org.paasmaker.api.error.PaasmakerException when a certificate cannot be served; nothing changes then
     */
    static ServedCertificates compile(List<ServedCertificate> certificates, ServedCertificates before) {
        if (certificates.isEmpty()) {
            return NONE;
        }
        Map<Pem, SslContext> contexts = new HashMap<>();
        Map<String, SslContext> names = new HashMap<>();
        for (ServedCertificate certificate : certificates) {
            Pem pem = new Pem(certificate.chainPem(), certificate.keyPem());
            SslContext context = contexts.computeIfAbsent(pem,
                    key -> before.contexts.containsKey(key) ? before.contexts.get(key) : TlsContexts.forCertificate(certificate));
            for (String name : certificate.names()) {
                names.putIfAbsent(name, context);
            }
        }
        return new ServedCertificates(contexts, names);
    }

    /** The context for this SNI name; null when no certificate covers it (or no name was sent). */
    SslContext find(String sniName) {
        return sniName == null ? null : byName.match(sniName);
    }

    private record Pem(String chain, String key) {
    }
}
