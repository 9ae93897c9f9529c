package org.paasmaker.engine.lease;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.engine.internal.DaemonThreads;

/**
 * This controller's part in the controllers' lease: it takes the lease when it is free, renews it
 * while it holds it, and {@link #leads()} only while a renewal it sent is sure to hold. What must run
 * once across controllers sharing a store asks {@link #leads()} before each round.
 *
 * <p>Leading is judged on this machine's monotonic clock from the moment before the request that
 * took or renewed the lease was sent: the store's expiry can only be later, so a controller that
 * cannot reach the store stops leading no later than another may take over.
 */
public final class Leadership implements AutoCloseable {

    /** The lease the controllers share. */
    public static final String LEASE = "controller";
    private static final String PRESENCE = "controller:";

    private final LeaseRepository leases;
    private final String holder;
    private final LeaseSettings settings;
    private final LongSupplier nanoTime;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("paasmaker-lease-"));
    /** On {@link #nanoTime}'s scale; meaningful only while {@link #leading}. */
    private volatile long leadsUntil;
    private volatile long term;
    /** Whether the last answer from the store gave this controller the lease. */
    private volatile boolean leading;
    /** Who held the lease at the store's last answer; empty before any. */
    private volatile String leader = "";
    private volatile Runnable presenceLost = () -> { };
    /** The term of this controller's lease on its own name at the last renewal; 0 when it did not hold it. */
    private long presenceTerm;

    public Leadership(LeaseRepository leases, String holder, LeaseSettings settings, Consumer<String> log) {
        this(leases, holder, settings, System::nanoTime, log);
    }

    Leadership(LeaseRepository leases, String holder, LeaseSettings settings, LongSupplier nanoTime,
            Consumer<String> log) {
        this.leases = leases;
        this.holder = holder;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /**
     * Runs {@code then} when this controller finds that the lease on its own name passed to another
     * controller since its last renewal: it had expired, and the leader may have ended this
     * controller's running jobs in the store. Set it before {@link #start()}.
     */
    public Leadership whenPresenceLost(Runnable then) {
        presenceLost = then;
        return this;
    }

    /** Tries once now, so that a controller alone on its store leads from its first round, then keeps trying. */
    public Leadership start() {
        renew();
        long every = settings.renewEvery().toMillis();
        timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether this controller holds the lease now, surely. */
    public boolean leads() {
        return leading && nanoTime.getAsLong() - leadsUntil < 0;
    }

    /**
     * {@link #leads()} for a duty's rounds, which also says when the first round of each term this
     * controller leads begins: the log then shows when a dead leader's duties resume on its successor
     * (the time from a leader's death to the next one's first health round is one of issue 18's goals).
     */
    public BooleanSupplier rounds(String duty) {
        AtomicLong announcedTerm = new AtomicLong();
        return () -> {
            boolean leads = leads();
            long current = term;
            if (leads && announcedTerm.getAndSet(current) != current) {
                log.accept("This controller (" + holder + ") starts its " + duty + " in term " + current + ".");
            }
            return leads;
        };
    }

    /** The term of the lease this controller holds or held last; 0 before it ever held it. */
    public long term() {
        return term;
    }

    /**
     * Who held the lease at the store's last answer to this controller (itself when it leads), such as
     * for telling a router where the routes are served; empty before any answer.
     */
    public String leader() {
        return leader;
    }

    /** Who this controller is to the other controllers. */
    public String holder() {
        return holder;
    }

    /**
     * The lease each controller holds on its own name while it runs, renewed with the controllers'
     * lease: when it has expired, the controller stopped answering, and its running jobs never end.
     */
    public static String presence(String holder) {
        return PRESENCE + holder;
    }

    void renew() {
        long sent = nanoTime.getAsLong();
        try {
            Lease presence = leases.acquire(presence(holder), holder, settings.ttl());
            if (!presence.heldBy(holder) || (presenceTerm != 0 && presence.term() != presenceTerm)) {
                presenceLost.run();
            }
            presenceTerm = presence.heldBy(holder) ? presence.term() : 0;
            Lease lease = leases.acquire(LEASE, holder, settings.ttl());
            leader = lease.holder();
            if (lease.heldBy(holder)) {
                leadsUntil = sent + settings.ttl().toNanos();
                term = lease.term();
                if (!leading) {
                    leading = true;
                    log.accept("This controller (" + holder + ") leads, in term " + lease.term()
                            + ": it runs the health rounds, the node watch and the crons.");
                }
            } else if (leading) {
                leading = false;
                log.accept("This controller (" + holder + ") no longer leads: " + lease.holder() + " holds the lease"
                        + " in term " + lease.term() + ".");
            }
        } catch (RuntimeException e) {
            // The lease holds until its time runs out; leads() says so without another word from the store.
            log.accept("The controller's lease could not be renewed: " + e.getMessage());
        }
    }

    /** Stops renewing and gives the lease up at once, so that another controller need not wait for its expiry. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leading = false;
        try {
            leases.release(LEASE, holder);
            leases.release(presence(holder), holder);
        } catch (RuntimeException e) {
            log.accept("The controller's lease could not be given up; another controller takes it once it expires"
                    + " (" + settings.ttl().toSeconds() + " s): " + e.getMessage());
        }
    }

    /** How long after its last renewal a lease runs out. */
    public Duration ttl() {
        return settings.ttl();
    }
}
