package org.paasmaker.engine.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.certificate.Certificate;
import org.paasmaker.api.certificate.CertificateSource;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.ServedCertificate;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/**
 * An engine with a router in its JVM and a running application: uploaded certificates and those a
 * (fake) issuer gives reach the routing table with the redirects they make possible, and go again.
 */
class CertificatesInTheTableTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Router router;
    private EngineFixture fixture;
    private FakeCertificateAuthority authority;

    @BeforeEach
    void start() throws Exception {
        router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
        authority = new FakeCertificateAuthority(Files.createDirectories(temp.resolve("ca")));
    }

    @AfterEach
    void stop() {
        EngineFixture.tearDown(fixture, () -> router.close());
    }

    @Test
    void anUploadedCertificateIsServedForItsApplicationsHostnamesWithTheRedirectsItAllows() throws Exception {
        ApplicationId hello = running(builder -> builder);
        Paasmaker engine = fixture.engine();
        assertThat(router.table().certificates()).isEmpty();
        assertThat(route("hello.example.com").redirectToHttps()).as("no certificate yet").isFalse();
        FakeCertificateAuthority.Issued issued = authority.issue(30, "hello.example.com", "*.hello.example.com");

        Certificate certificate = engine.certificates().upload(hello, issued.chainPem(), issued.keyPem(), List.of());

        assertThat(certificate.hostnames()).containsExactly("hello.example.com", "www.hello.example.com");
        assertThat(certificate.source()).isEqualTo(CertificateSource.UPLOADED);
        assertThat(router.table().certificates()).extracting(ServedCertificate::names)
                .containsExactly(List.of("hello.example.com", "*.hello.example.com"));
        assertThat(route("hello.example.com").redirectToHttps()).isTrue();
        assertThat(route("www.hello.example.com").redirectToHttps()).as("not asked for").isFalse();
        assertThat(route("plain.example.com").redirectToHttps()).as("asked for, but no certificate covers it").isFalse();
        assertThat(Files.getPosixFilePermissions(engine.home().resolve("certificates").resolve(certificate.id() + ".key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(engine.certificates().list(hello)).singleElement()
                .satisfies(status -> assertThat(status.certificate()).isEqualTo(certificate));

        engine.certificates().delete(hello, certificate.id());

        assertThat(router.table().certificates()).isEmpty();
        assertThat(route("hello.example.com").redirectToHttps()).isFalse();
        assertThat(engine.certificates().list()).isEmpty();
        assertThatThrownBy(() -> engine.certificates().delete(hello, certificate.id()))
                .hasMessageContaining("No certificate '" + certificate.id() + "'");
    }

    @Test
    void anUploadedCertificateNearItsExpiryShowsInHealth() throws Exception {
        ApplicationId hello = running(builder -> builder);
        FakeCertificateAuthority.Issued lasting = authority.issue(30, "hello.example.com");
        FakeCertificateAuthority.Issued ending = authority.issue(5, "www.hello.example.com");
        fixture.engine().certificates().upload(hello, lasting.chainPem(), lasting.keyPem(), List.of());

        Certificate soon = fixture.engine().certificates().upload(hello, ending.chainPem(), ending.keyPem(), List.of());

        assertThat(fixture.engine().certificates().warnings()).containsExactly("the uploaded certificate " + soon.id()
                + " for www.hello.example.com (hello) expires at " + soon.notAfter() + "; upload a renewed one");
    }

    @Test
    void theNextEngineServesTheCertificatesKeptByTheLastOne() throws Exception {
        ApplicationId hello = running(builder -> builder);
        FakeCertificateAuthority.Issued issued = authority.issue(30, "hello.example.com");
        Certificate certificate = fixture.engine().certificates().upload(hello, issued.chainPem(), issued.keyPem(),
                List.of());
        fixture.close();
        // The router forgets them: only the next engine's table can bring them back.
        router.update(RoutingTable.of(router.table().generation() + 1, router.table().routes()));
        assertThat(router.table().certificates()).isEmpty();

        fixture = new EngineFixture(temp.resolve("home"), builder -> builder.router(router));
        await().atMost(DEADLINE).until(() -> !router.table().certificates().isEmpty());

        assertThat(fixture.engine().certificates().list(hello)).extracting(status -> status.certificate().id())
                .containsExactly(certificate.id());
        assertThat(router.table().certificates()).extracting(ServedCertificate::names)
                .containsExactly(List.of("hello.example.com"));
        assertThat(route("hello.example.com").redirectToHttps()).isTrue();
    }

    @Test
    void aCertificateForNoneOfTheApplicationsHostnamesIsRefused() throws Exception {
        ApplicationId hello = running(builder -> builder);
        FakeCertificateAuthority.Issued other = authority.issue(30, "other.example.com");
        FakeCertificateAuthority.Issued issued = authority.issue(30, "hello.example.com");

        assertThatThrownBy(() -> fixture.engine().certificates().upload(hello, other.chainPem(), other.keyPem(), List.of()))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("the certificate's names (other.example.com) cover none of the hostnames of"
                        + " application hello; its hostnames are hello.example.com, www.hello.example.com");
        assertThatThrownBy(() -> fixture.engine().certificates().upload(hello, issued.chainPem(), issued.keyPem(),
                List.of("nope.example.com"))).hasMessageContaining("nope.example.com is not a hostname of application hello");
        assertThatThrownBy(() -> fixture.engine().certificates().upload(hello, issued.chainPem(), issued.keyPem(),
                List.of("www.hello.example.com"))).hasMessageContaining("does not cover www.hello.example.com");
        assertThat(fixture.engine().certificates().list()).isEmpty();
        assertThat(router.table().certificates()).isEmpty();
    }

    @Test
    void anIssuerGivesANewApplicationsHostnamesACertificateThroughChallengesTheRouterServes() throws Exception {
        FakeCertificateIssuer issuer = new FakeCertificateIssuer(authority, router::table);
        ApplicationId hello = running(builder -> builder.certificateIssuer(issuer)
                .certificateKeeping(new KeeperSettings(Duration.ofMillis(200), Duration.ZERO)));

        await().atMost(DEADLINE).until(() -> !router.table().certificates().isEmpty());

        assertThat(issuer.issued).containsExactly(List.of("hello.example.com", "www.hello.example.com",
                "plain.example.com"));
        assertThat(issuer.challengesServed).hasSize(3);
        assertThat(router.table().challenges()).as("removed once done").isEmpty();
        assertThat(route("hello.example.com").redirectToHttps()).isTrue();
        assertThat(route("plain.example.com").redirectToHttps()).isTrue();
        assertThat(fixture.engine().certificates().list(hello)).singleElement().satisfies(status -> {
            assertThat(status.certificate().source()).isEqualTo(CertificateSource.ACME);
            assertThat(status.renewsAt()).hasValueSatisfying(at -> assertThat(at)
                    .isBetween(status.certificate().notAfter().minus(Duration.ofDays(11)),
                            status.certificate().notAfter().minus(Duration.ofDays(9))));
        });
        assertThat(fixture.engine().certificates().warnings()).isEmpty();
    }

    @Test
    void renewalReplacesTheCertificateAndAFailingOneShowsInHealthUntilItSucceeds() throws Exception {
        FakeCertificateIssuer issuer = new FakeCertificateIssuer(authority, router::table);
        // Renew whatever is left: every round renews.
        ApplicationId hello = running(builder -> builder.certificateIssuer(issuer)
                .certificateKeeping(new KeeperSettings(Duration.ofMillis(200), Duration.ofDays(365))));
        await().atMost(DEADLINE).until(() -> fixture.engine().certificates().list(hello).size() == 1);
        String first = fixture.engine().certificates().list(hello).get(0).certificate().id();

        await().atMost(DEADLINE).until(() -> fixture.engine().certificates().list(hello).stream()
                .noneMatch(status -> status.certificate().id().equals(first)));

        assertThat(fixture.engine().certificates().list(hello)).hasSize(1);
        assertThat(router.table().certificates()).hasSize(1);
        issuer.failure = "the authority is unreachable";
        await().atMost(DEADLINE).until(() -> !fixture.engine().certificates().warnings().isEmpty());
        Certificate kept = fixture.engine().certificates().list(hello).get(0).certificate();
        assertThat(fixture.engine().certificates().warnings()).singleElement().isEqualTo("certificate for"
                + " hello.example.com, www.hello.example.com, plain.example.com could not be renewed: the authority is"
                + " unreachable; it expires at " + kept.notAfter());
        assertThat(fixture.engine().certificates().list(hello).get(0).renewalFailure()).isPresent();
        assertThat(router.table().certificates()).as("the old one is served meanwhile").hasSize(1);

        issuer.failure = null;
        await().atMost(DEADLINE).until(() -> fixture.engine().certificates().warnings().isEmpty());
    }

    @Test
    void anIssuerThatFailsShowsInHealth() throws Exception {
        FakeCertificateIssuer issuer = new FakeCertificateIssuer(authority, router::table);
        issuer.failure = "no DNS record for hello.example.com";
        running(builder -> builder.certificateIssuer(issuer)
                .certificateKeeping(new KeeperSettings(Duration.ofMillis(200), Duration.ZERO)));

        await().atMost(DEADLINE).until(() -> !fixture.engine().certificates().warnings().isEmpty());

        assertThat(fixture.engine().certificates().warnings()).singleElement().asString().startsWith(
                "certificate for hello.example.com, www.hello.example.com, plain.example.com could not be obtained:"
                        + " no DNS record for hello.example.com; until it is, HTTPS for hello.example.com,");
        assertThat(router.table().certificates()).isEmpty();
    }

    private Route route(String hostname) {
        RoutingTable table = router.table();
        return table.routes().stream().filter(route -> route.hostname().equals(hostname)).findFirst().orElseThrow();
    }

    /** An application with three hostnames, two of them redirected, whose one version runs and is current. */
    private ApplicationId running(UnaryOperator<Paasmaker.Builder> settings) throws Exception {
        fixture = new EngineFixture(temp.resolve("home"), builder -> settings.apply(builder.router(router)));
        Path app = EngineFixture.writeApp(temp.resolve("hello"), Map.of("manifest.yml", """
                manifest: {format: 1}
                application:
                  name: hello
                  redirect_https: [hello.example.com, plain.example.com]
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 -m http.server %(port)d --bind 127.0.0.1"
                    hostnames: [hello.example.com, www.hello.example.com, plain.example.com]
                """));
        org.paasmaker.api.job.JobView prepared = fixture.prepare(SourceSpec.directory(app));
        ApplicationVersion version = fixture.engine().versions().get(new org.paasmaker.api.version.VersionId(
                Long.parseLong(prepared.tags().get("version_id"))));
        fixture.succeed(fixture.engine().versions().start(version.id()));
        fixture.succeed(fixture.engine().versions().makeCurrent(version.id()));
        return version.applicationId();
    }
}
