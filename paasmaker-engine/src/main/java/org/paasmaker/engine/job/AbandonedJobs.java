package org.paasmaker.engine.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.engine.internal.DaemonThreads;
import org.paasmaker.engine.lease.Leadership;

/**
 * Ends, at the leading controller, the trees that a controller which stopped answering left running
 * or waiting: nothing will ever finish them, and a user watching one must learn so. A controller is
 * gone when the lease on its own name ({@link Leadership#presence}) has expired by the store's clock:
 * this controller takes that lease to find out, which it gets only then, and gives it back at once.
 */
public final class AbandonedJobs implements AutoCloseable {

    private final JobRepository jobs;
    private final LeaseRepository leases;
    private final String self;
    private final Duration ttl;
    private final Clock clock;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("paasmaker-abandoned-jobs-"));

    /**
     * @param self this controller's name, as its lease holds it
     * @param ttl how long this controller holds another's lease while it looks
     */
    public AbandonedJobs(JobRepository jobs, LeaseRepository leases, String self, Duration ttl, Clock clock,
            Consumer<String> log) {
        this.jobs = jobs;
        this.leases = leases;
        this.self = self;
        this.ttl = ttl;
        this.clock = clock;
        this.log = log;
    }

    /** Looks every {@code every} while {@code leads} says this controller leads. */
    public AbandonedJobs start(BooleanSupplier leads, Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            if (leads.getAsBoolean()) {
                round();
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Ends the unfinished trees of every controller whose lease has expired; how many it ended. */
    public int round() {
        int ended = 0;
        try {
            Map<String, List<JobTree>> byController = new LinkedHashMap<>();
            for (JobTree tree : jobs.unfinished()) {
                if (!tree.controller().equals(self)) {
                    byController.computeIfAbsent(tree.controller(), name -> new ArrayList<>()).add(tree);
                }
            }
            for (Map.Entry<String, List<JobTree>> trees : byController.entrySet()) {
                ended += endIfGone(trees.getKey(), trees.getValue());
            }
        } catch (RuntimeException e) {
            // The store may be away for a moment; the next round looks again.
            log.accept("The jobs of controllers that stopped answering could not be looked over: " + e.getMessage());
        }
        return ended;
    }

    /**
     * Ends the trees if the controller's lease has expired. Only one controller at a time gets that
     * lease, so two looking at once do not both end its trees.
     */
    private int endIfGone(String controller, List<JobTree> trees) {
        String name = Leadership.presence(controller);
        Optional<Lease> before = leases.find(name);
        if (!leases.acquire(name, self, ttl).heldBy(self)) {
            return 0;
        }
        try {
            String since = before.filter(lease -> lease.heldBy(controller))
                    .map(lease -> "its lease expired at " + lease.expiresAt())
                    .orElse("it holds no lease");
            String why = "controller " + controller + ", which ran this job, stopped answering (" + since
                    + "); ended by controller " + self;
            Instant now = clock.instant();
            for (JobTree tree : trees) {
                jobs.save(new JobTree(StoppedJobs.settle(tree.root(), now, why).tree(), controller, tree.logs()));
                log.accept("Ended job " + tree.root().id() + " ('" + tree.root().title() + "') as FAILED: " + why
                        + ".");
            }
            return trees.size();
        } finally {
            leases.release(name, self);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
