package org.paasmaker.engine.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

class CertificateCheckTest {

    @TempDir
    static Path directory;
    static FakeCertificateAuthority authority;
    static FakeCertificateAuthority.Issued good;

    @BeforeAll
    static void authority() {
        authority = new FakeCertificateAuthority(directory);
        good = authority.issue(30, "hello.example.com", "*.hello.example.com");
    }

    @Test
    void aGoodCertificateIsKeptWithItsNamesIssuerAndDates() {
        CheckedCertificate checked = CertificateCheck.check(good.chainPem(), good.keyPem(),
                List.of("hello.example.com", "www.hello.example.com"), Instant.now());

        assertThat(checked.names()).containsExactly("hello.example.com", "*.hello.example.com");
        assertThat(checked.issuer()).isEqualTo("CN=Fake Intermediate CA");
        assertThat(checked.notAfter()).isAfter(Instant.now().plusSeconds(29L * 24 * 3600));
        assertThat(checked.chainPem().split("BEGIN CERTIFICATE", -1)).hasSize(3);
        assertThat(checked.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(checked.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void pkcs1AndSec1KeysAreTurnedIntoPkcs8() {
        CheckedCertificate rsa = CertificateCheck.check(good.chainPem(), authority.traditional(good.keyPem()),
                List.of(), Instant.now());
        FakeCertificateAuthority.Issued ec = authority.issue("ec", 30, "ec.example.com");
        String sec1 = authority.traditional(ec.keyPem());
        CheckedCertificate checkedEc = CertificateCheck.check(ec.chainPem(), sec1, List.of("ec.example.com"), Instant.now());

        assertThat(authority.traditional(good.keyPem())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(rsa.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(checkedEc.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        // The PKCS#8 made from SEC1 holds the same secret as the one openssl wrote.
        assertThat(((ECPrivateKey) PrivateKeys.read(checkedEc.keyPem())).getS())
                .isEqualTo(((ECPrivateKey) PrivateKeys.read(ec.keyPem())).getS());
    }

    @Test
    void anExpiredCertificateIsRefused() {
        FakeCertificateAuthority.Issued expired = authority.expired("old.example.com");

        assertRefused(expired.chainPem(), expired.keyPem(), List.of(), "expired at", "renew it");
    }

    @Test
    void aCertificateNotYetValidIsRefused() {
        assertThatThrownBy(() -> CertificateCheck.check(good.chainPem(), good.keyPem(), List.of(),
                Instant.now().minusSeconds(3 * 24 * 3600)))
                .isInstanceOf(PaasmakerException.class).hasMessageContaining("is not valid until");
    }

    @Test
    void anotherCertificatesKeyIsRefused() {
        FakeCertificateAuthority.Issued other = authority.issue(30, "other.example.com");

        assertRefused(good.chainPem(), other.keyPem(), List.of(), "the private key does not match the certificate",
                "CN=hello.example.com");
    }

    @Test
    void namesNotCoveredAreListedWithTheNamesItHas() {
        assertRefused(good.chainPem(), good.keyPem(), List.of("hello.example.com", "a.b.hello.example.com", "example.com"),
                "does not cover a.b.hello.example.com, example.com",
                "its names are hello.example.com, *.hello.example.com");
    }

    @Test
    void somethingThatIsNotPemIsRefused() {
        assertRefused("not a certificate", good.keyPem(), List.of(), "the certificate chain is not PEM");
        assertRefused("", good.keyPem(), List.of(), "the certificate chain is not PEM");
        assertRefused(good.chainPem(), "", List.of(), "the key is not a PEM private key");
        assertRefused(good.chainPem(), "-----BEGIN PRIVATE KEY-----\n%%%\n-----END PRIVATE KEY-----\n", List.of(),
                "not base64");
    }

    @Test
    void anEncryptedKeyIsRefusedWithHowToDecryptIt() {
        assertRefused(good.chainPem(), authority.encrypted(good.keyPem()), List.of(), "the private key is encrypted",
                "decrypt it first");
    }

    @Test
    void aChainOutOfOrderIsRefused() {
        assertRefused(good.intermediatePem() + good.leafPem(), good.keyPem(), List.of(), "the chain is out of order",
                "the key belongs to certificate 2");
        FakeCertificateAuthority.Issued other = authority.issue(30, "other.example.com");
        assertRefused(good.leafPem() + other.leafPem() + good.intermediatePem(), good.keyPem(), List.of(),
                "the chain is out of order: certificate 2 (CN=other.example.com) did not sign certificate 1");
    }

    @Test
    void wildcardsCoverOneLabel() {
        List<String> names = List.of("*.hello.com", "hello.com");

        assertThat(CertificateNames.covers(names, "A.hello.com")).isTrue();
        assertThat(CertificateNames.covers(names, "hello.com")).isTrue();
        assertThat(CertificateNames.covers(names, "a.b.hello.com")).isFalse();
        assertThat(CertificateNames.covers(names, "*.hello.com")).isTrue();
        assertThat(CertificateNames.covers(List.of("a.hello.com"), "*.hello.com")).isFalse();
        assertThat(CertificateNames.covers(names, "ahello.com")).isFalse();
    }

    private static void assertRefused(String chain, String key, List<String> hostnames, String... words) {
        assertThatThrownBy(() -> CertificateCheck.check(chain, key, hostnames, Instant.now()))
                .isInstanceOf(PaasmakerException.class)
                .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .message().contains(words);
    }
}
