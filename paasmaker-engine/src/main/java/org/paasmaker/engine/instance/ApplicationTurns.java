package org.paasmaker.engine.instance;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.engine.internal.DaemonThreads;

/**
 * An application's turn across the controllers sharing a store: the controller running one of its
 * lifecycle jobs holds the lease {@code application:<id>}, renewed while the job runs, so that a deploy
 * through one controller and a stop through another take turns as two jobs do in one controller's
 * {@link ApplicationQueues}. The lease is the store's row lock with an expiry: a controller that dies
 * in the middle of a job gives the turn up when its lease runs out.
 */
final class ApplicationTurns implements AutoCloseable {

    /** What a controller alone on its store uses: its queues are the whole truth. */
    static final ApplicationTurns ALONE = new ApplicationTurns(null, "", Duration.ofSeconds(1), message -> { });

    private final LeaseRepository leases;
    private final String holder;
    private final Duration ttl;
    private final Consumer<String> warnings;
    private final ScheduledExecutorService renewals;

    /**
     * @param leases the store's leases, shared by the controllers
     * @param holder this controller's name in them
     * @param ttl how long a turn outlives its last renewal (renewed every quarter of it)
     */
    ApplicationTurns(LeaseRepository leases, String holder, Duration ttl, Consumer<String> warnings) {
        this.leases = leases;
        this.holder = Objects.requireNonNull(holder, "holder");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.renewals = leases == null ? null
                : Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paasmaker-application-turns-"));
    }

    /** A turn held; closing it gives it up. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** The application's turn when no other controller holds it; empty when one does. */
    Optional<Turn> tryTake(ApplicationId application) {
        if (leases == null) {
            return Optional.of(() -> { });
        }
        Lease lease = leases.acquire(name(application), holder, ttl);
        return lease.heldBy(holder) ? Optional.of(held(application)) : Optional.empty();
    }

    /**
     * Takes the application's turn, waiting for the controller that holds it to end its job (or for its
     * turn to expire); {@code waiting} hears once which controller that is.
     *
     * @throws InterruptedException when the job is aborted while it waits
     */
    Turn take(ApplicationId application, Consumer<String> waiting) throws InterruptedException {
        if (leases == null) {
            return () -> { };
        }
        String told = null;
        Lease lease;
        while (!(lease = leases.acquire(name(application), holder, ttl)).heldBy(holder)) {
            if (!lease.holder().equals(told)) {
                told = lease.holder();
                waiting.accept("Controller " + told + " runs a job of this application; this one waits for it to end"
                        + " (or for that controller's turn to expire, " + ttl.toSeconds() + " s after its last renewal).");
            }
            Thread.sleep(Math.max(50, ttl.toMillis() / 8));
        }
        return held(application);
    }

    /** A turn this controller took: renewed until it is closed, then given up. */
    private Turn held(ApplicationId application) {
        String name = name(application);
        long every = Math.max(1, ttl.toMillis() / 4);
        ScheduledFuture<?> renewal = renewals.scheduleWithFixedDelay(() -> renew(name), every, every,
                TimeUnit.MILLISECONDS);
        return () -> {
            renewal.cancel(false);
            try {
                leases.release(name, holder);
            } catch (RuntimeException e) {
                warnings.accept("The turn of application " + application + " could not be given up; another"
                        + " controller takes it once it expires (" + ttl.toSeconds() + " s): " + e.getMessage());
            }
        };
    }

    private void renew(String name) {
        try {
            Lease lease = leases.acquire(name, holder, ttl);
            if (!lease.heldBy(holder)) {
                warnings.accept("This controller lost the turn " + name + " to " + lease.holder() + " while its job"
                        + " ran (the store was out of reach longer than " + ttl.toSeconds() + " s)");
            }
        } catch (RuntimeException e) {
            // The turn holds until it expires; the next renewal tries again.
        }
    }

    private static String name(ApplicationId application) {
        return "application:" + application.value();
    }

    @Override
    public void close() {
        if (renewals != null) {
            renewals.shutdownNow();
        }
    }
}
