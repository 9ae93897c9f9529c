package org.paasmaker.engine.instance;

import java.util.function.Consumer;

import org.paasmaker.api.store.LeaseRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.manifest.InstanceTypeSpec;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.environment.InstanceEnvironment;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.internal.VersionManifests;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.release.ReleaseStep;
import org.paasmaker.engine.store.StoredRecords;

/**
 * Starts, stops and deregisters a version's instances, each as a job tree: every instance is a step
 * of its own, placed on a node by the instance type's placement plugin, registered there (a fresh copy
 * of the code and a port), started (startup commands, then the runtime), and recorded with its state.
 * Nodes do the work, reached only through the node port; this side only decides and records.
 * Starting one instance is {@link InstanceLaunches}'s, deleting {@link Deletions}' and taking over
 * after a restart {@link Adoption}'s.
 */
public final class InstanceManager implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** States that count towards an instance type's quantity. */
    public static final java.util.Set<InstanceState> ACTIVE = java.util.EnumSet.of(InstanceState.ALLOCATED,
            InstanceState.REGISTERED, InstanceState.STARTING, InstanceState.RUNNING);

    private final Store store;
    private final VersionManifests manifests;
    private final JobManager jobs;
    private final NodeRegistry nodes;
    private final InstanceLaunches launches;
    private final Deletions deletions;
    private final Routing routing;
    private final InstanceEnvironment environments;
    private final ReleaseStep release;
    private final ApplicationQueues queues;

    public InstanceManager(
            Store store, PluginRegistry plugins, VersionManifests manifests, JobManager jobs, NodeRegistry nodes,
            PackageStore packages, Routing routing, InstanceEnvironment environments, ReleaseStep release, Clock clock) {
        this.routing = routing;
        this.store = store;
        this.manifests = manifests;
        this.jobs = jobs;
        this.nodes = nodes;
        this.launches = new InstanceLaunches(store, nodes, new InstancePlacement(store, plugins, nodes), environments,
                routing, clock, this::fail);
        this.deletions = new Deletions(store, plugins, manifests, jobs, nodes, packages, routing, this::enqueue,
                this::drainStep);
        this.queues = new ApplicationQueues(jobs);
        this.environments = environments;
        this.release = release;
    }

    /**
     * Starts the version's instance types to their quantities. Exclusive types are left for when the
     * version is current. A PREPARED or READY version becomes RUNNING.
     */
    public JobId start(VersionId id) {
        ApplicationVersion version = store.versions().get(id);
        requirePrepared(version);
        Application application = store.applications().get(version.applicationId());
        Job root = jobs.createRoot("Start version " + version.number() + " of " + application.name(), tags(version));
        return enqueue(application.id(), root, () -> startNow(root, id, application));
    }

    /** Within {@code root}: the release once, then every instance type to its quantity; RUNNING after. */
    private void startNow(Job root, VersionId id, Application application) {
        ApplicationVersion now = store.versions().get(id);
        requirePrepared(now);
        Manifest manifest = manifest(now);
        // Before any instance starts, once per version. The application's queue is the lock: no other
        // lifecycle job of the application, so no other version's release, runs meanwhile.
        if (manifest.application().hasRelease() && now.releasedAt().isEmpty()) {
            Job releaseJob = jobs.addChild(root, "Release version " + now.number() + " of " + application.name());
            jobs.runStep(releaseJob, context -> release.run(now, application, manifest,
                    environment(now, application, manifest, OptionalInt.empty()), releaseJob, context));
        }
        List<Runnable> steps = new ArrayList<>();
        for (InstanceTypeSpec type : manifest.instances()) {
            if (type.exclusive() && !now.current()) {
                Job skipped = jobs.addChild(root, "Leave exclusive " + type.name() + " until the version is current");
                steps.add(() -> jobs.runStep(skipped, step -> step.log(
                        "Exclusive instance types run only for the current version.")));
                continue;
            }
            steps.addAll(startSteps(root, now, application, manifest, type, ""));
        }
        steps.forEach(Runnable::run);
        StoredRecords.change(store, id, version -> version.withState(VersionState.RUNNING));
        // A RUNNING version's own hostnames are routed.
        routing.changed();
    }

    /** Stops every instance of the version; their files stay until it is deregistered. RUNNING becomes READY. */
    public JobId stop(VersionId id) {
        ApplicationVersion version = store.versions().get(id);
        Application application = store.applications().get(version.applicationId());
        Job root = jobs.createRoot("Stop version " + version.number() + " of " + application.name(), tags(version));
        return enqueue(application.id(), root, () -> {
            stopAll(root, store.instances().list(id).stream().filter(i -> ACTIVE.contains(i.state())).toList(),
                    "stopped");
            StoredRecords.change(store, id, now -> now.state() == VersionState.RUNNING
                    ? now.withState(VersionState.READY) : now);
            routing.changed();
        });
    }

    /** Deletes the files of every instance of the version (stopping any still running); it becomes PREPARED. */
    public JobId deregister(VersionId id) {
        ApplicationVersion version = store.versions().get(id);
        Application application = store.applications().get(version.applicationId());
        Job root = jobs.createRoot("Deregister version " + version.number() + " of " + application.name(), tags(version));
        return enqueue(application.id(), root, () -> {
            drainStep(root, store.instances().list(id));
            for (Instance instance : store.instances().list(id)) {
                if (instance.state() == InstanceState.DEREGISTERED) {
                    continue;
                }
                Job step = jobs.addChild(root, "Deregister " + instance.instanceType() + " instance " + instance.id());
                jobs.runStep(step, context -> {
                    if (nodes.reachable(instance.node())) {
                        node(instance).deregister(instance.id());
                    }
                    StoredRecords.change(store, instance.id(),
                            stored -> stored.withState(InstanceState.DEREGISTERED, "files deleted"));
                });
            }
            StoredRecords.change(store, id, now -> now.state() != VersionState.NEW
                    ? now.withState(VersionState.PREPARED) : now);
            routing.changed();
        });
    }

    /**
     * Deletes a version: its instances (stopped, their files deleted), its record, and its package
     * unless another version has the same one. The current version is refused while it runs.
     */
    public JobId deleteVersion(VersionId id) {
        return deletions.deleteVersion(id);
    }

    /**
     * Deletes an application's versions with their instances and packages; with its services, those and the
     * application too ({@link Deletions#deleteApplication}).
     */
    public JobId deleteApplication(ApplicationId id, boolean withServices) {
        return deletions.deleteApplication(id, withServices);
    }

    /** Deletes a stopped version in the calling job's step ({@link Deletions#deleteNow}); whether its package went. */
    public boolean deleteNow(ApplicationVersion version, StepContext context) {
        return deletions.deleteNow(version, context);
    }

    /**
     * Makes a version the application's current one, starting it first when it is stopped (so a rollback
     * to any version kept with its package is this one call). Exclusive instance types break before
     * make: the old current version's exclusive instances stop before the new one's start.
     */
    public JobId makeCurrent(VersionId id) {
        ApplicationVersion version = store.versions().get(id);
        requirePrepared(version);
        if (version.state() == VersionState.RUNNING) {
            requireServing(version);
        }
        Application application = store.applications().get(version.applicationId());
        Job root = jobs.createRoot("Make version " + version.number() + " of " + application.name() + " current",
                tags(version));
        return enqueue(application.id(), root, () -> {
            if (store.versions().get(id).state() != VersionState.RUNNING) {
                requirePrepared(store.versions().get(id));
                startNow(root, id, application);
            }
            ApplicationVersion now = store.versions().get(id);
            requireRunning(now);
            // Normally one; more only after a controller stopped between the two writes of a switch below.
            List<ApplicationVersion> previous = store.versions().list(application.id()).stream()
                    .filter(v -> v.current() && !v.id().equals(id)).toList();
            requireServing(now);
            for (ApplicationVersion old : previous) {
                Manifest oldManifest = manifest(old);
                stopAll(root, store.instances().list(old.id()).stream()
                        .filter(instance -> ACTIVE.contains(instance.state()) && oldManifest
                                .instanceType(instance.instanceType()).map(InstanceTypeSpec::exclusive).orElse(false))
                        .toList(), "stopped: version " + now.number() + " became current");
            }
            jobs.runStep(jobs.addChild(root, "Switch the current version to " + now.number()), context -> {
                // The new version first: in between both are current, and a table computed then (the
                // refresh, a health round's change) routes the hostnames to both versions' instances. In
                // the other order it would find no current version and drop the hostnames: 404s mid-switch.
                StoredRecords.change(store, id, stored -> stored.withCurrent(true));
                previous.forEach(old -> StoredRecords.change(store, old.id(), stored -> stored.withCurrent(false)));
                // One new table: the hostnames gain the new version's instances as they lose the old
                // one's, which keep running (unrouted) and finish their requests in flight.
                routing.changed();
                context.log("The router now sends the hostnames of the application to version " + now.number());
            });
            Manifest manifest = manifest(now);
            ApplicationVersion current = store.versions().get(id);
            for (InstanceTypeSpec type : manifest.instances()) {
                if (type.exclusive()) {
                    startSteps(root, current, application, manifest, type, "exclusive ").forEach(Runnable::run);
                }
            }
        });
    }

    /**
     * Marks an instance whose process ended cleanly as waiting for its restart in place: it still
     * counts towards its type's quantity, so no replacement starts meanwhile.
     */
    public Instance markRestarting(Instance instance, String why) {
        Instance restarting = StoredRecords.change(store, instance.id(),
                stored -> unchangedSince(instance, stored) ? stored.restarting(why) : stored);
        routing.changed();
        return restarting;
    }

    /**
     * Starts an instance whose process ended again in place (same directory and port, no startup
     * commands); it counts as STARTING meanwhile. If that fails, the instance fails, and the health
     * checks replace it.
     */
    public JobId restartInPlace(Instance instance) {
        String why = instance.reason();
        ApplicationVersion version = store.versions().get(instance.versionId());
        Application application = store.applications().get(version.applicationId());
        String label = instance.instanceType() + " instance " + instance.id();
        Job root = jobs.createRoot("Restart " + label + " of version " + version.number() + " of " + application.name()
                + " in place", tags(version));
        return enqueue(application.id(), root, () -> {
            Job step = jobs.addChild(root, "Restart " + label);
            jobs.runStep(step, context -> {
                Instance now = store.instances().get(instance.id());
                if (now.state() != InstanceState.STARTING) {
                    context.log("Not restarted: it is " + now.state() + " now (" + now.reason() + ").");
                    return;
                }
                context.log(why);
                Manifest manifest = manifest(version);
                InstanceTypeSpec type = manifest.instanceType(instance.instanceType()).orElseThrow();
                launches.restart(instance, version, application, manifest, type, why, context);
            });
        });
    }

    /**
     * How the instance's process ended (its exit status, or 128 plus a signal); empty while it runs or
     * when the engine that saw it end was an earlier one.
     */
    public OptionalInt exitStatus(Instance instance) {
        return node(instance).exitStatus(instance.id());
    }

    /** Steps that start the instances a type lacks, as children of the job. */
    private List<Runnable> startSteps(
            Job root, ApplicationVersion version, Application application, Manifest manifest, InstanceTypeSpec type,
            String kind) {
        long active = store.instances().list(version.id()).stream()
                .filter(i -> i.instanceType().equals(type.name()) && ACTIVE.contains(i.state())).count();
        List<Runnable> steps = new ArrayList<>();
        for (long n = active; n < type.quantity(); n++) {
            Job step = jobs.addChild(root, "Start " + kind + type.name() + " instance " + (n + 1));
            steps.add(() -> jobs.runStep(step, context -> launches.start(version, application, manifest, type, context)));
        }
        return steps;
    }

    /** Takes the instances out of the routes and waits for their requests in flight, then stops them. */
    private void stopAll(Job root, List<Instance> instances, String why) {
        if (instances.isEmpty()) {
            return;
        }
        drainStep(root, instances);
        instances.forEach(instance -> stopStep(root, instance, why).run());
        routing.changed();
    }

    /** Takes the running ones of the instances out of the routes, as a step of the job, and waits for their requests. */
    void drainStep(Job root, List<Instance> instances) {
        if (routing == Routing.NONE) {
            return;
        }
        java.util.Set<org.paasmaker.api.instance.InstanceId> routed = new java.util.HashSet<>();
        instances.stream().filter(i -> i.state() == InstanceState.RUNNING).forEach(i -> routed.add(i.id()));
        if (routed.isEmpty()) {
            return;
        }
        Job step = jobs.addChild(root, "Take " + routed.size() + " instances out of the routes, and let their requests"
                + " in flight finish");
        jobs.runStep(step, context -> routing.drain(routed));
    }

    private Runnable stopStep(Job root, Instance instance, String why) {
        Job step = jobs.addChild(root, "Stop " + instance.instanceType() + " instance " + instance.id());
        return () -> jobs.runStep(step, context -> {
            node(instance).stop(instance.id(), STOP_GRACE);
            StoredRecords.change(store, instance.id(), stored -> stored.withState(InstanceState.STOPPED, why));
        });
    }

    private static void requirePrepared(ApplicationVersion version) {
        if (version.state() == VersionState.NEW) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "version " + version.number()
                    + " is not prepared yet (it is NEW); wait for its prepare job, or prepare it again");
        }
    }

    /** A version becomes current only if every routed instance type has an instance to route to. */
    private void requireServing(ApplicationVersion version) {
        List<Instance> instances = store.instances().list(version.id());
        for (InstanceTypeSpec type : manifest(version).instances()) {
            if (type.exclusive() || type.standalone() || type.hostnames().isEmpty()) {
                continue;
            }
            boolean serving = instances.stream().anyMatch(i -> i.instanceType().equals(type.name())
                    && i.state() == InstanceState.RUNNING);
            if (!serving) {
                throw new PaasmakerException(ErrorCode.CONFLICT, "version " + version.number() + " has no running '"
                        + type.name() + "' instance to serve " + String.join(", ", type.hostnames())
                        + "; start it (or wait until its instances run) before making it current");
            }
        }
    }

    private static void requireRunning(ApplicationVersion version) {
        if (version.state() != VersionState.RUNNING) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "version " + version.number() + " is " + version.state()
                    + ", not RUNNING; start it before making it current");
        }
    }

    /**
     * Runs {@code check} unless a lifecycle job of the version's application is queued or running, and
     * holds new ones back while it runs: the health checks never judge instances an action is changing.
     */
    public boolean ifIdle(ApplicationVersion version, Runnable check) {
        return queues.ifIdle(version.applicationId(), check);
    }

    /**
     * Takes turns with the other controllers sharing the store: each lifecycle job holds its
     * application's lease {@code application:<id>} while it runs, renewed every quarter of {@code ttl}.
     */
    public void takeTurns(LeaseRepository leases, String holder, Duration ttl, Consumer<String> warnings) {
        queues.takeTurnsThrough(new ApplicationTurns(leases, holder, ttl, warnings));
    }

    /** Stops renewing the turns of applications (their jobs have ended or been stopped by now). */
    @Override
    public void close() {
        queues.close();
    }

    /** Runs the work as a job of the application's queue, after its jobs queued before. */
    public JobId enqueue(ApplicationId application, Job root, Runnable work) {
        return queues.enqueue(application, root, work);
    }

    /**
     * Marks an instance as failed and ends it for good: its processes stop and its port is freed, while
     * its files and log stay until the version is deregistered.
     */
    public Instance fail(Instance instance, String why) {
        // A node this controller no longer knows has nothing it could release; a DOWN one stops it on its return.
        if (nodes.reachable(instance.node())) {
            node(instance).release(instance.id());
        }
        Instance failed = StoredRecords.change(store, instance.id(),
                stored -> unchangedSince(instance, stored) ? stored.withState(InstanceState.ERROR, why) : stored);
        routing.changed();
        return failed;
    }

    /**
     * Whether a judgement made on the instance as seen still applies to it as stored: it is in the same state.
     * Otherwise another writer (a stop, a controller that took over) moved it on meanwhile, and the judgement
     * is dropped rather than written over that change.
     */
    private static boolean unchangedSince(Instance seen, Instance stored) {
        return stored.state() == seen.state();
    }

    /** Whether a running instance still is: its process lives and, unless standalone, it accepts connections. */
    public boolean isHealthy(Instance instance) {
        Node node = node(instance);
        return node.isAlive(instance.id())
                && (instance.port().isEmpty() || node.probe(instance.id(), instance.port().getAsInt()));
    }

    /** Whether its process lives (it may still be busy and not accepting connections for a moment). */
    public boolean isAlive(Instance instance) {
        return node(instance).isAlive(instance.id());
    }

    /**
     * Takes over what a previous engine left on every node known at the start: {@link Adoption} says
     * how, and fails here what it cannot keep.
     */
    public void adopt() {
        nodes.all().forEach(node -> adoption().run(node));
        routing.changed();
    }

    /**
     * Reconciles what one node holds with the records: when its agent first registers with this
     * controller, and when it returns after it was DOWN (its instances were replaced elsewhere meanwhile,
     * so it stops them). Returns whether that is done: false when an instance there belongs to an
     * application with a lifecycle job queued or running, which may be starting it right now; ask again
     * once that job has ended.
     */
    public boolean adopt(String node) {
        boolean done = adoption().run(nodes.node(node));
        routing.changed();
        return done;
    }

    private Adoption adoption() {
        return new Adoption(store, this::fail, (instance, judgement) -> store.versions().find(instance.versionId())
                .map(version -> ifIdle(version, judgement))
                .orElseGet(() -> {
                    judgement.run(); // no version, so no job of it either
                    return true;
                }));
    }

    /**
     * Marks an instance whose node stopped reporting as DOWN, asking nothing of the node: routes drop it
     * and, as it no longer counts, the health checks start a replacement elsewhere. The node stops it
     * if it comes back ({@link #adopt(String)}).
     */
    public Instance lose(Instance instance, String why) {
        Instance lost = StoredRecords.change(store, instance.id(),
                stored -> unchangedSince(instance, stored) ? stored.withState(InstanceState.DOWN, why) : stored);
        routing.changed();
        return lost;
    }

    /**
     * Whether the agent of the instance's node listed it as running in a report the controller received
     * after the instance last started: then its process lived a report interval ago at most, and the
     * node need not be asked. False for a node that does not report (the controller's own) and for an
     * instance started since the last report.
     */
    public boolean reportedRunning(Instance instance) {
        if (instance.startedAt().isEmpty() || !nodes.knows(instance.node())) {
            return false;
        }
        return nodes.lastReport(instance.node())
                .filter(report -> report.received().isAfter(instance.startedAt().get()))
                .map(report -> report.running().contains(instance.id()))
                .orElse(false);
    }

    /** Whether the node the instance was placed on can be asked about it: known, and not DOWN. */
    public boolean onReachableNode(Instance instance) {
        return nodes.reachable(instance.node());
    }

    /** Periodic upkeep of the nodes (instance logs are rotated) and of the router. */
    public void maintain() {
        for (Node node : nodes.all()) {
            if (nodes.state(node.name()) == NodeState.DOWN) {
                continue;
            }
            try {
                node.maintain();
            } catch (RuntimeException e) {
                // One unreachable node must not keep the others' logs from being rotated.
                System.getLogger(InstanceManager.class.getName()).log(System.Logger.Level.WARNING,
                        "upkeep of node " + node.name() + " failed: " + e.getMessage());
            }
        }
        routing.maintain();
    }

    /** The last lines of an instance's output, also after it died or was stopped, until it is deregistered. */
    public String logTail(Instance instance, int lines) {
        return node(instance).logTail(instance.id(), lines);
    }

    /** The last whole lines of an instance's output, and where reading on starts: the start of following it. */
    public Node.LogLines logLast(Instance instance, int lines) {
        return node(instance).logLast(instance.id(), lines);
    }

    /** The whole lines of an instance's output written from byte {@code offset} of its log on. */
    public Node.LogLines logAfter(Instance instance, long offset, int maxBytes) {
        return node(instance).logAfter(instance.id(), offset, maxBytes);
    }

    /** Whether the version has fewer instances of some type than its manifest asks for. */
    public boolean isShort(ApplicationVersion version) {
        return isShort(version, store.instances().list(version.id()));
    }

    /** {@link #isShort(ApplicationVersion)} over the version's instances already read (at least its active ones). */
    public boolean isShort(ApplicationVersion version, List<Instance> instances) {
        Manifest manifest = manifest(version);
        return manifest.instances().stream()
                .filter(type -> !type.exclusive() || version.current())
                .anyMatch(type -> instances.stream()
                        .filter(i -> i.instanceType().equals(type.name()) && ACTIVE.contains(i.state()))
                        .count() < type.quantity());
    }

    /** The release's environment, on the controller: PM_METADATA, PM_SERVICES, with the controller's tags. */
    private Map<String, String> environment(
            ApplicationVersion version, Application application, Manifest manifest, OptionalInt port) {
        return environments.of(version, application, manifest, port);
    }

    /** The node the instance was placed on: everything done to it goes there. */
    private Node node(Instance instance) {
        return nodes.node(instance.node());
    }

    private Manifest manifest(ApplicationVersion version) {
        return manifests.apply(version);
    }

    static Map<String, String> tags(ApplicationVersion version) {
        return Map.of("application_id", version.applicationId().toString(), "version_id", version.id().toString(),
                "version", Integer.toString(version.number()));
    }
}
