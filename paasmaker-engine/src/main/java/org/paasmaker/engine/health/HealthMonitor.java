package org.paasmaker.engine.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionHealth;
import org.paasmaker.api.version.VersionHealth.Condition;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.engine.internal.DaemonThreads;
import org.paasmaker.engine.health.InstanceChecks.Finding;
import org.paasmaker.engine.job.JobManager;

/**
 * Keeps running versions at their quantities. An instance whose process died, or that stopped
 * accepting connections for several checks in a row, is marked ERROR (its log stays) and a new
 * instance with a fresh copy of the code replaces it. A version whose replacements keep failing is
 * repaired less and less often, up to once a minute, instead of spinning.
 */
public final class HealthMonitor implements AutoCloseable {

    private static final int MISSES_BEFORE_FAILING = 3;
    private static final Duration STABLE_AFTER = Duration.ofSeconds(30);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(60);

    private final Store store;
    private final InstanceManager instances;
    private final JobManager jobs;
    private final Clock clock;
    private final Runnable pluginUpkeep;
    private final NodeWatch nodeWatch;
    private final int replacementsPerRound;
    private final InstanceChecks checks;
    private final Map<String, Integer> misses = new ConcurrentHashMap<>();
    private final Map<VersionId, Repair> repairs = new ConcurrentHashMap<>();
    private final Map<InstanceId, Integer> cleanExits = new ConcurrentHashMap<>();
    private final Map<InstanceId, Instant> restarts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("paasmaker-health-"));
    private final ScheduledExecutorService nodeTimer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("paasmaker-node-watch-"));

    /**
     * @param nodeWatch judges the nodes, as often as the rounds run, so that instances of a DOWN node count as lost
     * @param replacementsPerRound how many versions may start replacements in one round
     * @param pluginUpkeep each plugin's own upkeep (a managed database server started again if it
     *     died), run on every round after the instances' and the router's
     */
    public HealthMonitor(Store store, InstanceManager instances, JobManager jobs, Clock clock, NodeWatch nodeWatch,
            int replacementsPerRound, Runnable pluginUpkeep) {
        this.store = store;
        this.instances = instances;
        this.jobs = jobs;
        this.clock = clock;
        this.nodeWatch = nodeWatch;
        this.replacementsPerRound = replacementsPerRound;
        this.pluginUpkeep = pluginUpkeep;
        this.checks = new InstanceChecks(instances);
    }

    /**
     * Checks every {@code interval} from now on; the nodes are judged as often on a thread of their own,
     * so that a round slowed by a node that does not answer does not delay judging that node. Rounds
     * run only while {@code leading} says so: of the controllers sharing a store, the lease holder's.
     */
    public void start(Duration interval, BooleanSupplier leading) {
        timer.scheduleWithFixedDelay(() -> {
            if (leading.getAsBoolean()) {
                checkQuietly();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        nodeTimer.scheduleWithFixedDelay(() -> {
            if (leading.getAsBoolean()) {
                quietly("node watch", nodeWatch::check);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: fail what is broken, then repair what is short (paced); then the nodes' and the plugins' upkeep. */
    public void check() {
        checkVersions();
        instances.maintain();
        pluginUpkeep.run();
    }

    /**
     * Two questions to the store whatever the number of versions (the running versions, every active
     * instance), and the instances' findings for all of them at once ({@link InstanceChecks}); each
     * version is then judged on those, its list kept up to date with what the round changes.
     */
    private void checkVersions() {
        List<ApplicationVersion> running = store.versions().inStates(Set.of(VersionState.RUNNING));
        if (running.isEmpty()) {
            return;
        }
        Map<VersionId, List<Instance>> active = store.instances().inStates(InstanceManager.ACTIVE).stream()
                .collect(Collectors.groupingBy(Instance::versionId));
        Map<InstanceId, Finding> findings = checks.check(running.stream()
                .flatMap(version -> active.getOrDefault(version.id(), List.of()).stream())
                .filter(instance -> instance.state() == InstanceState.RUNNING && instances.onReachableNode(instance))
                .toList());
        int[] replacements = {0};
        for (ApplicationVersion version : running) {
            check(version, new ArrayList<>(active.getOrDefault(version.id(), List.of())), findings, replacements);
        }
        // A restart is due only to a STARTING instance: one no longer active will never be restarted.
        Set<InstanceId> stillActive = active.values().stream().flatMap(List::stream).map(Instance::id)
                .collect(Collectors.toSet());
        restarts.keySet().removeIf(id -> !stillActive.contains(id));
    }

    private void check(ApplicationVersion version, List<Instance> active, Map<InstanceId, Finding> findings,
            int[] replacements) {
        try {
            instances.ifIdle(version, () -> {
                int failed = failBroken(active, findings);
                restartDue(active);
                // Past the round's budget a short version waits for the next round: losing a node must not
                // start every replacement at once on the others.
                if (replacements[0] < replacementsPerRound && repair(version, active, failed)) {
                    replacements[0]++;
                }
            });
        } catch (RuntimeException e) {
            // A node that cannot be reached right now must not keep the other versions from their checks.
            System.getLogger(HealthMonitor.class.getName()).log(System.Logger.Level.WARNING,
                    "health check of version " + version.id() + " failed: " + e.getMessage());
        }
    }

    /**
     * Marks RUNNING instances found dead or not answering as ERROR, in {@code active} too; returns how
     * many. An instance with no finding (on a node that is DOWN or not known, the node watch's to judge,
     * or one that could not be asked) is left alone.
     */
    private int failBroken(List<Instance> active, Map<InstanceId, Finding> findings) {
        int failed = 0;
        for (int i = 0; i < active.size(); i++) {
            Instance instance = active.get(i);
            Finding finding = findings.get(instance.id());
            if (instance.state() != InstanceState.RUNNING || finding == null) {
                continue;
            }
            String key = instance.id().value();
            if (finding == Finding.DEAD) {
                misses.remove(key);
                OptionalInt status = instances.exitStatus(instance);
                if (status.isPresent() && status.getAsInt() == 0) {
                    active.set(i, cleanExit(instance));
                } else {
                    active.set(i, instances.fail(instance, "its process " + ended(status)
                            + "; a new instance replaces it"));
                    failed++;
                }
            } else if (finding == Finding.NOT_ACCEPTING) {
                if (misses.merge(key, 1, Integer::sum) >= MISSES_BEFORE_FAILING) {
                    misses.remove(key);
                    active.set(i, instances.fail(instance, "it stopped accepting connections on port "
                            + instance.port().getAsInt() + "; a new instance replaces it"));
                    failed++;
                }
            } else {
                misses.remove(key);
            }
        }
        return failed;
    }

    /**
     * An instance that exited with status 0 is restarted in place, as the original Paasmaker did; if
     * it keeps exiting soon after each restart, the restarts back off like failed replacements.
     */
    private Instance cleanExit(Instance instance) {
        Instant now = clock.instant();
        boolean soon = instance.startedAt().map(started -> started.plus(STABLE_AFTER).isAfter(now)).orElse(true);
        int exits = soon ? cleanExits.getOrDefault(instance.id(), 0) + 1 : 1;
        cleanExits.put(instance.id(), exits);
        Duration delay = backoff(exits);
        String why = "its process exited with status 0; restarted in place"
                + (delay.isZero() ? "" : " in " + delay.toSeconds() + " s, as it exited " + exits
                        + " times soon after starting");
        restarts.put(instance.id(), now.plus(delay));
        return instances.markRestarting(instance, why);
    }

    /** Restarts, in place, the instances whose clean exit was seen and whose delay has passed. */
    private void restartDue(List<Instance> active) {
        Instant now = clock.instant();
        for (Instance instance : active) {
            Instant due = restarts.get(instance.id());
            if (due == null || now.isBefore(due)) {
                continue;
            }
            restarts.remove(instance.id());
            if (instance.state() == InstanceState.STARTING) {
                instances.restartInPlace(instance);
            }
        }
    }

    private static String ended(OptionalInt status) {
        if (status.isEmpty()) {
            return "ended";
        }
        int code = status.getAsInt();
        return code > 128 ? "was killed by signal " + (code - 128) : "exited with status " + code;
    }

    /**
     * Starts replacements when the version is short, backing off while replacements keep failing;
     * whether it started any.
     */
    private boolean repair(ApplicationVersion version, List<Instance> active, int failedNow) {
        Instant now = clock.instant();
        Repair previous = repairs.get(version.id());
        int failures = failedNow;
        Instant notBefore = Instant.MIN;
        if (previous != null) {
            failures += previous.failures(active, now);
            if (!previous.judged() && jobs.get(previous.job()).state() == JobState.FAILED) {
                failures++;
            }
            notBefore = previous.startedAt().plus(backoff(failures));
            repairs.put(version.id(), new Repair(previous.job(), previous.startedAt(), failures, true));
        }
        if (!instances.isShort(version, active) || now.isBefore(notBefore)) {
            return false;
        }
        repairs.put(version.id(), new Repair(instances.start(version.id()), now, failures, false));
        return true;
    }

    /** What the health checks see of the version, and what they do about it. */
    public VersionHealth health(ApplicationVersion version) {
        if (version.state() != VersionState.RUNNING) {
            return new VersionHealth(Condition.NOT_RUNNING, "version " + version.number() + " is " + version.state()
                    + ": no instance of it is kept running", Optional.empty());
        }
        Instant now = clock.instant();
        Optional<Instance> restarting = store.instances().list(version.id()).stream()
                .filter(instance -> restarts.getOrDefault(instance.id(), Instant.MIN).isAfter(now)).findFirst();
        if (restarting.isPresent()) {
            Instance instance = restarting.get();
            return new VersionHealth(Condition.BACKING_OFF, instance.instanceType() + " instance " + instance.id()
                    + ": " + instance.reason(), Optional.of(restarts.get(instance.id())));
        }
        if (!instances.isShort(version)) {
            return new VersionHealth(Condition.HEALTHY, "every instance type runs its quantity", Optional.empty());
        }
        Repair repair = repairs.get(version.id());
        if (repair != null && repair.failures() > 1) {
            Instant next = repair.startedAt().plus(backoff(repair.failures()));
            if (next.isAfter(now)) {
                return new VersionHealth(Condition.BACKING_OFF, "crash loop: its instances failed " + repair.failures()
                        + " times in a row soon after starting; the next attempt is at " + next + "; the logs of"
                        + " its failed instances say why", Optional.of(next));
            }
        }
        return new VersionHealth(Condition.REPAIRING, "fewer instances run than the manifest asks for;"
                + " replacements are starting", Optional.empty());
    }

    /** 0 s for a first failure, then 1, 2, 4, ... up to 60 s. */
    static Duration backoff(int failures) {
        if (failures <= 1) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(failures - 2, 6);
        return seconds >= LONGEST_BACKOFF.toSeconds() ? LONGEST_BACKOFF : Duration.ofSeconds(seconds);
    }

    private void checkQuietly() {
        quietly("health check", this::check);
    }

    private static void quietly(String what, Runnable round) {
        try {
            round.run();
        } catch (RuntimeException e) {
            // A failed round must not stop the checks; the next round sees the same state again.
            System.getLogger(HealthMonitor.class.getName()).log(System.Logger.Level.WARNING, what + " failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        nodeTimer.shutdownNow();
        checks.close();
    }

    /**
     * The last repair of a version: its job, when it began, the failures that came before it, and
     * whether its own outcome has been counted yet.
     */
    private record Repair(JobId job, Instant startedAt, int failures, boolean judged) {

        /** The failures so far, forgotten once the version has run a while without one. */
        int failures(List<Instance> instances, Instant now) {
            var running = instances.stream()
                    .filter(i -> i.state() == InstanceState.RUNNING).toList();
            boolean stable = !running.isEmpty() && running.stream()
                    .allMatch(i -> i.startedAt().map(t -> t.plus(STABLE_AFTER).isBefore(now)).orElse(false));
            return stable ? 0 : failures;
        }
    }
}
