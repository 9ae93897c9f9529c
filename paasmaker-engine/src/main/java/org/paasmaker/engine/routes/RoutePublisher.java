package org.paasmaker.engine.routes;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.instance.Routing;
import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.engine.routing.RouterProcess;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.engine.certificate.ChallengeBoard;
import org.paasmaker.engine.certificate.KeptCertificate;
import org.paasmaker.engine.internal.DaemonThreads;

/**
 * Keeps the routers' table in step with the records: each change is computed into a whole new table
 * (a router swaps it atomically) with the next generation number, and sent only when its routes
 * differ from the last ones sent: pushed to the local router, and published on the {@link RouteFeed}
 * that routers on other machines follow. Instances about to stop are left out and drained first, by
 * the local router and by every live follower, within one drain limit.
 *
 * <p>Tables carry the certificates for their hostnames and the ACME challenges posted on this
 * publisher as a {@link ChallengeBoard}: a challenge goes out with the next table, and
 * {@link #post} returns once the local router and every live follower serve it.
 *
 * <p>Several controllers may share the store: each recomputes its table from it every refresh (see
 * {@link #refreshEvery}), so that a change made through another reaches its routers too, and numbers
 * its tables in the lease's term it holds or held last, so that routers moving to a new leader take
 * its tables over the old one's.
 */
public final class RoutePublisher implements Routing, ChallengeBoard, AutoCloseable {

    /** How long a posted challenge waits for the following routers: a live one polls within {@link RouteFeed#MAX_WAIT}. */
    private static final Duration CHALLENGE_WAIT = RouteFeed.MAX_WAIT.plusSeconds(10);

    private final Store store;
    private final RouteTables tables;
    private final RouterControl router;
    private final RouteFeed feed;
    private final Duration drainLimit;
    private final Consumer<String> warnings;
    private final Set<InstanceId> draining = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Set<AcmeChallenge> challenges = new LinkedHashSet<>();
    private final LongSupplier term;
    /** Who drains leaving instances from the routers following the leader, when another controller leads. */
    private volatile LeaderDrains leader = new LeaderDrains(List.of(), null, () -> true, message -> { });
    // Guarded by this.
    private long generation;
    private RouteTables.Contents pushed;
    /** The lease's term the last table was numbered in. */
    private long pushedTerm = -1;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("paasmaker-routes-refresh-"));
    /** Whether the last refresh failed, so that an outage is said once and its end once. Refresher's thread only. */
    private boolean refreshFailing;

    /**
     * @param clusterHostname the suffix of the per-version and per-type hostnames ({@code localhost})
     * @param drainLimit how long a stopping instance's requests in flight may take to end
     * @param addresses the address of a node by its name (null while it is not known): the targets of its
     *     instances' routes
     */
    public RoutePublisher(Store store, Function<ApplicationVersion, Manifest> manifests, String clusterHostname,
            RouterControl router, Duration drainLimit, Function<String, String> addresses, Consumer<String> warnings) {
        this(store, manifests, clusterHostname, router, new RouteFeed(java.time.Clock.systemUTC()), drainLimit, addresses,
                List::of, () -> 0, warnings);
    }

    /**
     * @param feed where routers on other machines follow the tables
     * @param certificates the certificates kept now, of which each table carries those serving its hostnames
     * @param term the term of the controllers' lease this controller holds or held last: its tables are
     *     numbered above every table of earlier terms, so that routers take a new leader's tables
     */
    public RoutePublisher(Store store, Function<ApplicationVersion, Manifest> manifests, String clusterHostname,
            RouterControl router, RouteFeed feed, Duration drainLimit, Function<String, String> addresses,
            Supplier<List<KeptCertificate>> certificates, LongSupplier term, Consumer<String> warnings) {
        this.store = store;
        this.term = term;
        this.router = router;
        this.feed = feed;
        this.drainLimit = drainLimit;
        this.warnings = warnings;
        this.tables = new RouteTables(store, manifests, clusterHostname, addresses, certificates, this::warnOnce);
        tables.remember(router.table());
        // A router that outlived the engine keeps its generation; a lower one it would refuse.
        RoutingTable served = router.table();
        this.generation = served.generation();
        // Followers that outlived the controller keep theirs too, and take this one if it is newer.
        feed.publish(served);
    }

    /**
     * A router process that died is started again; it serves its own saved table at once, and
     * {@link RouterProcess#ensureRunning()} pushes the last one sent if that is newer. Tables are
     * pushed on changes, not here, so an idle platform computes none; except when a follower serves
     * a generation above the controller's (a controller that lost its data), which would leave it on
     * its old table: then the current one goes out again, numbered above it.
     */
    @Override
    public void maintain() {
        if (router instanceof RouterProcess process) {
            process.ensureRunning();
        }
        if (feed.highestServed() > feed.latest().generation()) {
            republish();
        }
    }

    /** The current routes again, numbered above every generation a router serves, so that all take them. */
    private synchronized void republish() {
        pushed = null;
        changed();
    }

    @Override
    public synchronized void changed() {
        draining.removeIf(id -> store.instances().find(id).map(i -> i.state() != InstanceState.RUNNING).orElse(true));
        RouteTables.Contents contents = tables.contents(draining, List.copyOf(challenges));
        if (!contents.equals(pushed)) {
            RoutingTable table = contents.table(nextGeneration());
            router.update(table);
            feed.publish(table);
            pushed = contents;
        }
    }

    /**
     * The next table's generation: above the last, above what followers serve (they refuse lower
     * generations), and above every table of earlier terms of the lease, {@code (term << 32) + n}, so
     * that routers that followed an earlier leader take this one's. A controller alone on its store is
     * in term 1 for good.
     */
    private long nextGeneration() {
        long now = term.getAsLong();
        generation = Math.max(generation, Math.max(feed.highestServed(), now << 32)) + 1;
        pushedTerm = now;
        return generation;
    }

    /**
     * Recomputes the table from the store and sends it when its routes differ from the last sent:
     * what other controllers sharing the store changed (a deploy, a switch, a stop through them)
     * reaches this controller's routers and its followers so. The table goes out again, newly
     * numbered, when this controller's term changed (it now leads) or a follower serves a higher
     * generation.
     */
    public synchronized void refresh() {
        if (term.getAsLong() != pushedTerm || feed.highestServed() > feed.latest().generation()) {
            pushed = null;
        }
        changed();
    }

    /** Drains leaving instances from the routers following the leader too, through {@code leader}. */
    public RoutePublisher drainingThrough(LeaderDrains leader) {
        this.leader = leader;
        return this;
    }

    /** Refreshes every {@code every} until {@link #close()}. */
    public RoutePublisher refreshEvery(Duration every) {
        refresher.scheduleWithFixedDelay(this::refreshQuietly, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (refreshFailing) {
                refreshFailing = false;
                warnings.accept("The routes are refreshed from the store again");
            }
        } catch (RuntimeException e) {
            if (!refreshFailing) {
                refreshFailing = true;
                warnings.accept("The routes could not be refreshed from the store (" + e.getMessage() + "); the"
                        + " routers keep their tables, and this is tried again every refresh");
            }
        }
    }

    /** Stops refreshing. */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void post(AcmeChallenge challenge) {
        long posted;
        synchronized (this) {
            challenges.add(challenge);
            changed();
            posted = generation;
        }
        List<RouteFeed.Confirmation> lagging = feed.awaitConfirmed(posted, CHALLENGE_WAIT);
        if (!lagging.isEmpty()) {
            warnings.accept("The ACME challenge " + challenge.token() + " went out with table generation " + posted
                    + ", which " + lagging.size() + " following routers had not confirmed after "
                    + CHALLENGE_WAIT.toSeconds() + " s: " + lagging);
        }
    }

    @Override
    public synchronized void remove(AcmeChallenge challenge) {
        if (challenges.remove(challenge)) {
            changed();
        }
    }

    @Override
    public void drain(Set<InstanceId> leaving) {
        if (leaving.isEmpty()) {
            return;
        }
        draining.addAll(leaving);
        while (true) {
            RoutingTable next;
            synchronized (this) {
                pushed = tables.contents(draining, List.copyOf(challenges));
                next = pushed.table(nextGeneration());
            }
            try {
                // Waits outside the lock: other changes go on being published meanwhile.
                long start = System.nanoTime();
                feed.publish(next);
                DrainResult result = router.drain(next, drainLimit);
                if (!result.isComplete()) {
                    warnings.accept("Stopping " + result.stillBusy().size() + " instances whose requests were still in"
                            + " flight after " + drainLimit.toSeconds() + " s: " + result.stillBusy());
                }
                // The followers drained meanwhile; what is left of the limit is theirs.
                Duration left = drainLimit.minusNanos(System.nanoTime() - start);
                List<RouteFeed.Confirmation> lagging = feed.awaitConfirmed(next.generation(), left);
                if (!lagging.isEmpty()) {
                    warnings.accept("Stopping instances although " + lagging.size() + " routers following this"
                            + " controller had not confirmed table generation " + next.generation()
                            + " with no request in flight to them after " + drainLimit.toSeconds() + " s: " + lagging);
                }
                // Then the routers following the leader, when another controller leads.
                leader.drain(leaving, drainLimit);
                return;
            } catch (PaasmakerException e) {
                if (e.code() != ErrorCode.CONFLICT) {
                    throw e;
                }
                // A newer table went out between ours being made and pushed; it leaves them out too.
            }
        }
    }

    /** The feed that routers on other machines follow. */
    public RouteFeed feed() {
        return feed;
    }

    /** The table the router serves now. */
    public RoutingTable table() {
        return router.table();
    }

    /** The port the router's proxy listens on. */
    public int port() {
        return router.port();
    }

    /** The router's traffic so far, per application, version and instance. */
    public RouterStatistics statistics() {
        return router.statistics();
    }

    private void warnOnce(String warning) {
        if (warned.add(warning)) {
            warnings.accept(warning);
        }
    }
}
