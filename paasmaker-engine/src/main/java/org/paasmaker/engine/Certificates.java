package org.paasmaker.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.certificate.Certificate;
import org.paasmaker.api.certificate.CertificateSource;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.certificate.ApplicationHostnames;
import org.paasmaker.engine.certificate.CertificateCheck;
import org.paasmaker.engine.certificate.CertificateKeeper;
import org.paasmaker.engine.certificate.CertificateStatus;
import org.paasmaker.engine.certificate.CertificateStore;
import org.paasmaker.engine.certificate.CheckedCertificate;
import org.paasmaker.engine.certificate.KeptCertificate;

/**
 * The engine's certificate verbs: certificates users upload for their applications' hostnames, and
 * those the platform obtains itself when built with a certificate issuer. Each change goes out with the
 * next routing table.
 */
public final class Certificates {

    /** How long before an uploaded certificate expires health starts to warn: the platform cannot renew it. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final CertificateStore certificates;
    private final Store store;
    private final ApplicationHostnames hostnames;
    private final Optional<CertificateKeeper> keeper;
    private final Runnable republish;
    private final Clock clock;

    Certificates(CertificateStore certificates, Store store, ApplicationHostnames hostnames,
            Optional<CertificateKeeper> keeper, Runnable republish, Clock clock) {
        this.certificates = certificates;
        this.store = store;
        this.hostnames = hostnames;
        this.keeper = keeper;
        this.republish = republish;
        this.clock = clock;
    }

    /**
     * Checks and keeps a certificate for the application's hostnames: those given, each one the
     * application's current version is routed on; or, with none given, those of its routed hostnames
     * the certificate covers.
     *
     * @throws PaasmakerException ({@code INVALID_REQUEST}) saying what is wrong with the certificate, or
     *         which hostnames are not the application's or not covered
     */
    public Certificate upload(ApplicationId id, String chainPem, String keyPem, List<String> requested) {
        Application application = store.applications().get(id);
        List<String> routed = hostnames.routed(id);
        List<String> asked = requested.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        List<String> foreign = asked.stream().filter(name -> !routed.contains(name)).toList();
        if (!foreign.isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, String.join(", ", foreign) + " is not a hostname of"
                    + " application " + application.name() + "; " + routedNames(application, routed));
        }
        CheckedCertificate checked = CertificateCheck.check(chainPem, keyPem, asked, clock.instant());
        List<String> served = asked.isEmpty()
                ? routed.stream().filter(name -> checked.uncovered(List.of(name)).isEmpty()).toList() : asked;
        if (served.isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the certificate's names ("
                    + String.join(", ", checked.names()) + ") cover none of the hostnames of application "
                    + application.name() + "; " + routedNames(application, routed));
        }
        Certificate certificate = new Certificate(KeptCertificate.newId(), checked.names(), checked.issuer(),
                checked.notBefore(), checked.notAfter(), CertificateSource.UPLOADED, served, Optional.of(id));
        certificates.save(new KeptCertificate(certificate, checked.chainPem(), checked.keyPem()));
        republish.run();
        return certificate;
    }

    /** The application's certificates, uploaded and obtained. */
    public List<CertificateStatus> list(ApplicationId id) {
        store.applications().get(id);
        return certificates.list().stream().filter(kept -> kept.certificate().application().equals(Optional.of(id)))
                .map(this::status).toList();
    }

    /** Every certificate the platform keeps. */
    public List<CertificateStatus> list() {
        return certificates.list().stream().map(this::status).toList();
    }

    /** Deletes one of the application's certificates and its key; it is no longer served. */
    public void delete(ApplicationId id, String certificate) {
        store.applications().get(id);
        KeptCertificate kept = certificates.find(certificate)
                .filter(found -> found.certificate().application().equals(Optional.of(id)))
                .orElseThrow(() -> new NotFoundException("certificate", certificate));
        certificates.delete(kept.id());
        republish.run();
    }

    /**
     * For the platform's health: each certificate it could not obtain or renew, and each uploaded one
     * that expires within {@link #EXPIRY_WARNING} or has expired (its user must upload a new one).
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>(keeper.map(CertificateKeeper::warnings).orElse(List.of()));
        Instant now = clock.instant();
        for (KeptCertificate kept : certificates.list()) {
            Certificate certificate = kept.certificate();
            if (certificate.source() == CertificateSource.UPLOADED
                    && certificate.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
                String application = certificate.application().flatMap(store.applications()::find)
                        .map(Application::name).orElse("no application");
                warnings.add("the uploaded certificate " + certificate.id() + " for " + String.join(", ",
                        certificate.hostnames()) + " (" + application + ") " + (certificate.notAfter().isAfter(now)
                        ? "expires" : "expired") + " at " + certificate.notAfter() + "; upload a renewed one");
            }
        }
        return warnings;
    }

    private CertificateStatus status(KeptCertificate kept) {
        Certificate certificate = kept.certificate();
        return new CertificateStatus(certificate, keeper.flatMap(k -> k.renewsAt(certificate)),
                certificate.source() == CertificateSource.ACME
                        ? keeper.flatMap(k -> certificate.application().flatMap(k::failure)) : Optional.empty());
    }

    private static String routedNames(Application application, List<String> routed) {
        return routed.isEmpty() ? "it has no current version yet; upload the certificate once one is current"
                : "its hostnames are " + String.join(", ", routed);
    }
}
