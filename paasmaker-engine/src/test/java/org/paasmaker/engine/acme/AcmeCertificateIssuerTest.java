package org.paasmaker.engine.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.engine.certificate.ChallengeBoard;
import org.paasmaker.engine.certificate.IssuedCertificate;
import org.paasmaker.engine.service.server.ServerFiles;

class AcmeCertificateIssuerTest {

    private static ServedChallengeBoard board;
    private static Pebble pebble;

    @TempDir
    Path home;

    @BeforeAll
    static void startPebble() throws Exception {
        board = ServedChallengeBoard.start();
        pebble = Pebble.answeringOn(board.port()).start();
    }

    @AfterAll
    static void stopPebble() {
        try {
            if (pebble != null) {
                pebble.close();
            }
        } finally {
            board.close();
        }
    }

    @Test
    void obtainsACertificateForTwoNamesThatVerifiesAgainstPebblesRootWithAKeyOfItsOwn() throws Exception {
        AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(pebble.settings(Optional.of("ops@example.com")), home);
        int postedBefore = board.posted().size();

        IssuedCertificate issued = issuer.issue(List.of("hello.example.com", "WWW.hello.example.com"), board);

        List<X509Certificate> chain = verifiedChain(issued, pebble.issuingRoot());
        X509Certificate leaf = chain.get(0);
        assertThat(dnsNames(leaf)).containsExactlyInAnyOrder("hello.example.com", "www.hello.example.com");
        assertThat(issued.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertKeyMatches(issued, leaf);
        assertThat(board.posted().size() - postedBefore).isEqualTo(2);
        assertThat(board.current()).as("every challenge is removed once validated").isEmpty();
        System.out.println("pebble's default certificate lifetime: "
                + Duration.ofMillis(leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime()).toDays() + " days");
    }

    /** A common name holds 64 characters at most: a longer first name goes into the subjectAltName alone. */
    @Test
    void aFirstNameTooLongForTheCommonNameIsCertifiedAllTheSame() throws Exception {
        String longName = "a-label-of-forty-characters-or-so-for-it.and-another-long-label.example.com";
        assertThat(longName).hasSizeGreaterThan(64);

        IssuedCertificate issued = new AcmeCertificateIssuer(pebble.settings(Optional.empty()), home)
                .issue(List.of(longName, "short.example.com"), board);

        assertThat(dnsNames(verifiedChain(issued, pebble.issuingRoot()).get(0)))
                .containsExactlyInAnyOrder(longName, "short.example.com");
    }

    @Test
    void keepsTheAccountKeyPrivateAndUsesItAgainOnTheNextIssue() throws Exception {
        new AcmeCertificateIssuer(pebble.settings(Optional.empty()), home).issue(List.of("first.example.com"), board);
        Path keyFile = AcmeCertificateIssuer.accountKeyFile(home);
        String key = Files.readString(keyFile);
        int postedBefore = board.posted().size();

        new AcmeCertificateIssuer(pebble.settings(Optional.empty()), home).issue(List.of("second.example.com"), board);

        assertThat(Files.readString(keyFile)).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        List<AcmeChallenge> posted = board.posted();
        assertThat(thumbprint(posted.get(posted.size() - 1)))
                .as("the second issue answers with the same account's key authorization")
                .isEqualTo(thumbprint(posted.get(postedBefore - 1)));
    }

    @Test
    void aBoardThatDoesNotAnswerFailsNamingTheHostAndRemovesEveryChallenge() {
        AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(pebble.settings(Optional.empty()), home);
        int postedBefore = board.posted().size();
        board.answering(false);
        try {
            assertThatThrownBy(() -> issuer.issue(List.of("silent.example.com", "mute.example.com"), board))
                    .isInstanceOf(PaasmakerException.class)
                    .hasMessageContaining("silent.example.com: the ACME server could not validate http-01: ")
                    .hasMessageContaining("mute.example.com: the ACME server could not validate http-01: ")
                    .hasMessageContaining("404")
                    .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        } finally {
            board.answering(true);
        }
        assertThat(board.posted().size() - postedBefore).isEqualTo(2);
        assertThat(board.current()).isEmpty();
    }

    @Test
    void aValidationThatTakesLongerThanTheLimitFailsSayingSoAndRemovesTheChallenge() {
        AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(pebble.settings(Optional.empty()), home,
                Duration.ofSeconds(1));
        board.hold();
        try {
            assertThatThrownBy(() -> issuer.issue(List.of("slow.example.com"), board))
                    .hasMessage("slow.example.com: the ACME server's validation of http-01 was still pending when the"
                            + " limit of 1 s passed; try again later")
                    .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
        } finally {
            board.release();
        }
        assertThat(board.current()).isEmpty();
    }

    @Test
    void aPostThatFailsPartWayIsWithdrawnWithTheOthers() {
        AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(pebble.settings(Optional.empty()), home);
        int postedBefore = board.posted().size();
        ChallengeBoard secondPostFails = new ChallengeBoard() {
            private int posts;

            @Override
            public void post(AcmeChallenge challenge) {
                board.post(challenge);
                if (++posts == 2) {
                    throw new PaasmakerException(ErrorCode.UNAVAILABLE, "router r2 did not confirm the challenge");
                }
            }

            @Override
            public void remove(AcmeChallenge challenge) {
                board.remove(challenge);
            }
        };

        assertThatThrownBy(() -> issuer.issue(List.of("one.example.com", "two.example.com"), secondPostFails))
                .hasMessage("router r2 did not confirm the challenge");
        assertThat(board.posted().size() - postedBefore).isEqualTo(2);
        assertThat(board.current()).isEmpty();
    }

    @Test
    void anUnreachableDirectoryIsAClearErrorNamingIt() throws Exception {
        String nowhere = "https://127.0.0.1:" + ServerFiles.freePort() + "/dir";
        AcmeSettings settings = AcmeSettings.from(Map.of(AcmeSettings.DIRECTORY_VARIABLE, nowhere)).orElseThrow();

        assertThatThrownBy(() -> new AcmeCertificateIssuer(settings, home).issue(List.of("hello.example.com"), board))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageStartingWith("the ACME directory " + nowhere + " cannot be reached: ")
                .hasMessageContaining(AcmeSettings.DIRECTORY_VARIABLE)
                .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void aUrlThatIsNoDirectoryIsAClearError() {
        URI wrong = pebble.directory().resolve("/no-directory-here");
        AcmeSettings settings = new AcmeSettings(wrong, Optional.empty(), Optional.of(pebble.caFile()));

        assertThatThrownBy(() -> new AcmeCertificateIssuer(settings, home).issue(List.of("hello.example.com"), board))
                .hasMessage("the ACME directory " + wrong + " answered 404 rather than a directory; check"
                        + " PAASMAKER_ACME_DIRECTORY");
    }

    @Test
    void anAuthorityWhoseHttpsIsNotTrustedPointsAtTheCaSetting() {
        AcmeSettings untrusting = new AcmeSettings(pebble.directory(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> new AcmeCertificateIssuer(untrusting, home).issue(List.of("hello.example.com"), board))
                .hasMessageStartingWith("the ACME directory " + pebble.directory() + " cannot be reached: its HTTPS is"
                        + " not trusted (")
                .hasMessageEndingWith("give that CA's PEM file in PAASMAKER_ACME_CA");
    }

    @Test
    void wildcardAndMalformedNamesAreRefusedBeforeAnyOrder() {
        AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(pebble.settings(Optional.empty()), home);

        assertThatThrownBy(() -> issuer.issue(List.of("*.example.com"), board))
                .hasMessageContaining("*.example.com: ACME proves wildcard names with DNS-01 only");
        assertThatThrownBy(() -> issuer.issue(List.of("hello..example.com"), board))
                .hasMessageContaining("'hello..example.com' is no DNS name");
        assertThat(Files.exists(AcmeCertificateIssuer.accountKeyFile(home))).isFalse();
    }

    /**
     * A pebble that rejects 30% of good nonces: with ten requests or more per certificate, an issuer
     * that did not retry badNonce would fail nearly always. Its certificates last two minutes.
     */
    @Test
    void retriesRejectedNoncesAndGetsPebblesShortLivedCertificates() throws Exception {
        try (ServedChallengeBoard strictBoard = ServedChallengeBoard.start();
                Pebble strict = Pebble.answeringOn(strictBoard.port()).nonceRejectPercent(30)
                        .certificateLifetime(Duration.ofSeconds(120)).start()) {
            AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(strict.settings(Optional.empty()), home);

            IssuedCertificate issued = issuer.issue(List.of("nonces.example.com"), strictBoard);
            issued = issuer.issue(List.of("nonces-again.example.com"), strictBoard);

            X509Certificate leaf = verifiedChain(issued, strict.issuingRoot()).get(0);
            assertThat(dnsNames(leaf)).containsExactly("nonces-again.example.com");
            long lifetime = leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime();
            assertThat(Duration.ofMillis(lifetime)).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(121));
            assertThat(strict.log()).contains("Configured to reject 30% of good nonces");
        }
    }

    @Test
    void figureTimeToObtainOneCertificate() {
        AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(pebble.settings(Optional.empty()), home);
        issuer.issue(List.of("warm.example.com"), board);
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 15; run++) {
            long start = System.nanoTime();
            issuer.issue(List.of("figure-" + run + ".example.com"), board);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("FIGURE one certificate (one name, HTTP-01) from pebble (PEBBLE_VA_NOSLEEP=1, account"
                + " registered): median %d ms, min %d ms, max %d ms over %d runs %s%n", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size(), millis);
        assertThat(board.current()).isEmpty();
    }

    private static List<X509Certificate> verifiedChain(IssuedCertificate issued, X509Certificate root)
            throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = factory
                .generateCertificates(new ByteArrayInputStream(issued.chainPem().getBytes(StandardCharsets.US_ASCII)))
                .stream().map(X509Certificate.class::cast)
                .filter(certificate -> !certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .toList();
        assertThat(chain).isNotEmpty();
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);
        return chain;
    }

    private static List<String> dnsNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream().filter(name -> (Integer) name.get(0) == 2)
                .map(name -> (String) name.get(1)).toList();
    }

    private static void assertKeyMatches(IssuedCertificate issued, X509Certificate leaf) throws Exception {
        String base64 = issued.keyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance(leaf.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        byte[] data = "the key signs what the certificate's key verifies".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(data);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    private static String thumbprint(AcmeChallenge challenge) {
        return challenge.keyAuthorization().substring(challenge.token().length() + 1);
    }
}
