package org.paasmaker.engine.certificate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.certificate.Certificate;

/**
 * A kept certificate and its renewal: when the platform renews it (only one it obtained itself), and
 * why the last attempt to renew it failed, while it does.
 */
public record CertificateStatus(Certificate certificate, Optional<Instant> renewsAt, Optional<String> renewalFailure) {

    public CertificateStatus {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(renewsAt, "renewsAt");
        Objects.requireNonNull(renewalFailure, "renewalFailure");
    }
}
