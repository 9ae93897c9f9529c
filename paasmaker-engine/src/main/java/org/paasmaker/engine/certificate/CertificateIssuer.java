package org.paasmaker.engine.certificate;

import java.util.List;

/**
 * Obtains a certificate for some names from a certificate authority (ACME's implementation is
 * {@code org.paasmaker.engine.acme.AcmeCertificateIssuer}). The names are DNS names the platform
 * routes; the issuer proves control of each through the board, whose challenges the routers answer.
 */
public interface CertificateIssuer {

    /**
     * Obtains a certificate covering every name, with a new private key.
     *
     * @throws org.paasmaker.api.error.PaasmakerException naming the name and the authority's answer
     *         when a name cannot be validated or the authority refuses, is unreachable or times out
     */
    IssuedCertificate issue(List<String> names, ChallengeBoard board);
}
