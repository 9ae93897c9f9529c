package org.paasmaker.engine.certificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.certificate.Certificate;
import org.paasmaker.api.certificate.CertificateSource;
import org.paasmaker.engine.internal.DaemonThreads;

/**
 * Obtains and renews certificates through a {@link CertificateIssuer} (ACME), on a thread of its own.
 * For each application with a current version, the hostnames a certificate authority can validate
 * ({@link ApplicationHostnames#obtainable}) that no certificate of the application covers get one
 * certificate for all its such names not covered by an uploaded certificate; a certificate it obtained
 * is renewed once less than a third of its lifetime is left, or less than the renewal margin, whichever
 * is more. Each new certificate replaces the application's earlier ones from the authority, and the
 * routing tables are published again.
 *
 * <p>A failure is retried after the interval, then after twice as long each time, up to six hours,
 * and shows as a warning in the platform's health until an attempt succeeds.
 */
public final class CertificateKeeper implements AutoCloseable {

    private static final Duration LONGEST_RETRY = Duration.ofHours(6);

    private final CertificateStore store;
    private final ApplicationHostnames hostnames;
    private final CertificateIssuer issuer;
    private final ChallengeBoard board;
    private final Runnable republish;
    private final Clock clock;
    private final KeeperSettings settings;
    private final Consumer<String> log;
    private final Map<ApplicationId, Failure> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("paasmaker-certificates-"));

    private record Failure(String warning, int attempts, Instant retryAt) {
    }

    /**
     * @param republish publishes the routing tables again, with the certificates kept now
     * @param log hears what the keeper did, in words for an operator
     */
    public CertificateKeeper(CertificateStore store, ApplicationHostnames hostnames, CertificateIssuer issuer,
            ChallengeBoard board, Runnable republish, Clock clock, KeeperSettings settings, Consumer<String> log) {
        this.store = store;
        this.hostnames = hostnames;
        this.issuer = issuer;
        this.board = board;
        this.republish = republish;
        this.clock = clock;
        this.settings = settings;
        this.log = log;
    }

    /**
     * Looks every interval from now on, while {@code leading} says this controller holds the lease:
     * controllers sharing a store must not each obtain the same certificates.
     */
    public void start(BooleanSupplier leading) {
        long millis = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            if (leading.getAsBoolean()) {
                checkQuietly();
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The warnings for the platform's health: each certificate that could not be obtained or renewed. */
    public List<String> warnings() {
        return failures.values().stream().map(Failure::warning).sorted().toList();
    }

    /** When a certificate from the authority will be renewed; empty for an uploaded one. */
    public Optional<Instant> renewsAt(Certificate certificate) {
        if (certificate.source() != CertificateSource.ACME) {
            return Optional.empty();
        }
        Duration lifetime = Duration.between(certificate.notBefore(), certificate.notAfter());
        Duration margin = lifetime.dividedBy(3);
        return Optional.of(certificate.notAfter().minus(margin.compareTo(settings.renewBefore()) > 0 ? margin
                : settings.renewBefore()));
    }

    /** The warning about the application's certificate, while obtaining or renewing it fails. */
    public Optional<String> failure(ApplicationId application) {
        return Optional.ofNullable(failures.get(application)).map(Failure::warning);
    }

    /** One round: every application's certificate obtained or renewed where due. */
    public void check() {
        for (ApplicationId application : hostnames.applications()) {
            keep(application);
        }
        failures.keySet().retainAll(hostnames.applications());
    }

    private void keep(ApplicationId application) {
        Instant now = clock.instant();
        List<String> wanted = hostnames.obtainable(application);
        List<KeptCertificate> own = store.list().stream()
                .filter(kept -> kept.certificate().application().equals(Optional.of(application))).toList();
        List<KeptCertificate> uploaded = own.stream()
                .filter(kept -> kept.certificate().source() == CertificateSource.UPLOADED).toList();
        List<KeptCertificate> obtained = own.stream()
                .filter(kept -> kept.certificate().source() == CertificateSource.ACME).toList();
        List<String> names = wanted.stream().filter(name -> uploaded.stream()
                .noneMatch(kept -> CertificateNames.covers(kept.certificate().names(), name))).toList();
        if (names.isEmpty()) {
            failures.remove(application);
            return;
        }
        boolean uncovered = names.stream().anyMatch(name -> obtained.stream()
                .noneMatch(kept -> CertificateNames.covers(kept.certificate().names(), name)));
        Optional<KeptCertificate> due = obtained.stream()
                .filter(kept -> !now.isBefore(renewsAt(kept.certificate()).orElseThrow())).findFirst();
        if (!uncovered && due.isEmpty()) {
            failures.remove(application);
            return;
        }
        Failure failure = failures.get(application);
        if (failure != null && now.isBefore(failure.retryAt())) {
            return;
        }
        try {
            IssuedCertificate issued = issuer.issue(names, board);
            CheckedCertificate checked = CertificateCheck.check(issued.chainPem(), issued.keyPem(), names,
                    clock.instant());
            store.save(new KeptCertificate(new Certificate(KeptCertificate.newId(), checked.names(), checked.issuer(),
                    checked.notBefore(), checked.notAfter(), CertificateSource.ACME, names, Optional.of(application)),
                    checked.chainPem(), checked.keyPem()));
            republish.run();
            // Only once the new one is served: the old one serves until then.
            obtained.forEach(old -> store.delete(old.id()));
            if (!obtained.isEmpty()) {
                republish.run();
            }
            failures.remove(application);
            log.accept((uncovered ? "Obtained" : "Renewed") + " the certificate for " + String.join(", ", names)
                    + " from " + checked.issuer() + ", valid until " + checked.notAfter());
        } catch (RuntimeException e) {
            int attempts = failure == null ? 1 : failure.attempts() + 1;
            Duration wait = settings.interval().multipliedBy(1L << Math.min(attempts - 1, 20));
            if (wait.compareTo(LONGEST_RETRY) > 0) {
                wait = LONGEST_RETRY;
            }
            String warning = "certificate for " + String.join(", ", names) + " could not be "
                    + (uncovered ? "obtained: " + e.getMessage() + "; until it is, HTTPS for "
                            + String.join(", ", uncovered(names, obtained)) + " has no certificate"
                            : "renewed: " + e.getMessage() + "; it expires at " + due.get().certificate().notAfter());
            failures.put(application, new Failure(warning, attempts, now.plus(wait)));
            log.accept("The " + warning + " (attempt " + attempts + "; next in " + wait.toSeconds() + " s)");
        }
    }

    private static List<String> uncovered(List<String> names, List<KeptCertificate> obtained) {
        List<String> uncovered = new ArrayList<>();
        for (String name : names) {
            if (obtained.stream().noneMatch(kept -> CertificateNames.covers(kept.certificate().names(), name))) {
                uncovered.add(name);
            }
        }
        return uncovered;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // The next round tries again; a thrown exception would end the schedule.
            log.accept("The certificate keeper's round failed: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
