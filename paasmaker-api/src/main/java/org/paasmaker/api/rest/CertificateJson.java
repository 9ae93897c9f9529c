package org.paasmaker.api.rest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.certificate.Certificate;

/**
 * A certificate on the wire, never with its key: the names it covers, its issuer and validity, where
 * it came from ({@code uploaded} or {@code acme}), the hostnames it is served for and its application
 * (null for none); for one from ACME, when it is renewed ({@code renewsAt}) and, while renewing it
 * fails, why ({@code renewalFailure}); both are null otherwise.
 */
public record CertificateJson(String id, Long applicationId, List<String> names, String issuer, Instant notBefore,
        Instant notAfter, String source, List<String> hostnames, Instant renewsAt, String renewalFailure) {

    public static CertificateJson of(Certificate certificate, Optional<Instant> renewsAt, Optional<String> renewalFailure) {
        return new CertificateJson(certificate.id(), certificate.application().map(ApplicationId::value).orElse(null),
                certificate.names(), certificate.issuer(), certificate.notBefore(), certificate.notAfter(),
                certificate.source().wire(), certificate.hostnames(), renewsAt.orElse(null), renewalFailure.orElse(null));
    }
}
