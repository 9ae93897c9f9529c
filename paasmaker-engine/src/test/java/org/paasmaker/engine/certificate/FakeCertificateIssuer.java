package org.paasmaker.engine.certificate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.api.routing.RoutingTable;

/**
 * A stand-in for the ACME issuer (no ACME server here): it posts a challenge per name as ACME's would,
 * records whether the router served it meanwhile, and signs with a {@link FakeCertificateAuthority};
 * or fails, while told to.
 */
final class FakeCertificateIssuer implements CertificateIssuer {

    private final FakeCertificateAuthority authority;
    private final Supplier<RoutingTable> served;
    final List<List<String>> issued = new CopyOnWriteArrayList<>();
    final List<AcmeChallenge> challengesServed = new CopyOnWriteArrayList<>();
    volatile String failure;

    FakeCertificateIssuer(FakeCertificateAuthority authority, Supplier<RoutingTable> served) {
        this.authority = authority;
        this.served = served;
    }

    @Override
    public IssuedCertificate issue(List<String> names, ChallengeBoard board) {
        if (failure != null) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, failure);
        }
        List<AcmeChallenge> posted = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            AcmeChallenge challenge = new AcmeChallenge("token-of-the-fake-" + issued.size() + "-" + i,
                    "token-of-the-fake-" + issued.size() + "-" + i + ".thumbprint");
            board.post(challenge);
            posted.add(challenge);
            if (served.get().challenges().contains(challenge)) {
                challengesServed.add(challenge);
            }
        }
        posted.forEach(board::remove);
        issued.add(List.copyOf(names));
        FakeCertificateAuthority.Issued certificate = authority.issue(30, names.toArray(String[]::new));
        return new IssuedCertificate(certificate.chainPem(), certificate.keyPem());
    }
}
