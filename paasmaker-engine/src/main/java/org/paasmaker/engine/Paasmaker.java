package org.paasmaker.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.plugin.PluginCatalog;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.acme.AcmeCertificateIssuer;
import org.paasmaker.engine.acme.AcmeSettings;
import org.paasmaker.engine.certificate.ApplicationHostnames;
import org.paasmaker.engine.certificate.CertificateIssuer;
import org.paasmaker.engine.certificate.CertificateKeeper;
import org.paasmaker.engine.certificate.FileCertificateStore;
import org.paasmaker.engine.certificate.KeeperSettings;
import org.paasmaker.engine.cluster.ClusterServer;
import org.paasmaker.engine.cluster.ClusterSettings;
import org.paasmaker.engine.routes.RouteFeedHandler;
import org.paasmaker.engine.cron.CronRunner;
import org.paasmaker.engine.cron.CurrentVersionCrons;
import org.paasmaker.engine.cron.GoneCrons;
import org.paasmaker.engine.disk.DiskAccounting;
import org.paasmaker.engine.disk.DiskLimit;
import org.paasmaker.engine.disk.PrepareRoom;
import org.paasmaker.engine.health.HealthMonitor;
import org.paasmaker.engine.health.NodeWatch;
import org.paasmaker.engine.health.NodeWatchSettings;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.engine.instance.Routing;
import org.paasmaker.engine.routes.RouteFeed;
import org.paasmaker.engine.routes.RoutePublisher;
import org.paasmaker.engine.routes.RouteRefresh;
import org.paasmaker.engine.routes.LeaderDrains;
import org.paasmaker.engine.routes.RouteDrainHandler;
import org.paasmaker.api.routing.AccessLogLimit;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.engine.routing.RouterProcess;
import org.paasmaker.engine.routing.RouterProcessSettings;
import org.paasmaker.engine.routing.RouterCode;
import org.paasmaker.engine.internal.DaemonThreads;
import org.paasmaker.engine.internal.EngineLayout;
import org.paasmaker.engine.internal.KeyedLocks;
import org.paasmaker.engine.environment.InstanceEnvironment;
import org.paasmaker.engine.prepare.CommandSteps;
import org.paasmaker.engine.release.ReleaseStep;
import org.paasmaker.engine.internal.VersionManifests;
import org.paasmaker.engine.lease.ControllerName;
import org.paasmaker.engine.lease.Leadership;
import org.paasmaker.engine.lease.LeaseSettings;
import org.paasmaker.engine.lease.LocalLeases;
import org.paasmaker.engine.job.JobLogLimit;
import org.paasmaker.engine.job.AbandonedJobs;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.node.LocalNode;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.port.EphemeralPorts;
import org.paasmaker.engine.port.PortAllocator;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.process.LogWriters;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.prepare.PreparePipeline;
import org.paasmaker.engine.prepare.PrepareRunner;
import org.paasmaker.engine.retention.Retention;
import org.paasmaker.engine.retention.RetentionPolicy;
import org.paasmaker.engine.retention.StaleFiles;
import org.paasmaker.engine.store.FileStore;

/**
 * The whole platform engine, for any Java program to embed:
 * <pre>{@code
 * try (Paasmaker pm = Paasmaker.builder().home(Path.of("/var/lib/paasmaker")).build()) {
 *     Workspace dev = pm.workspaces().create(new NewWorkspace("Development", "dev"));
 *     JobId job = pm.versions().prepare(new PrepareRequest(dev.id(), SourceSpec.directory(Path.of("app"))));
 *     System.out.print(pm.jobs().await(job, Duration.ofMinutes(5)).render());
 * }
 * }</pre>
 * Built once and never changed; close it to stop its threads.
 */
public final class Paasmaker implements AutoCloseable {

    private static final String LOCAL_NODE = "local";
    /** How long closing waits for running jobs to end once told to. */
    private static final Duration SHUTDOWN_JOB_LIMIT = Duration.ofSeconds(5);
    private static final String LOCAL_NODE_VARIABLE = "PAASMAKER_LOCAL_NODE";
    /** Where the controller and its router reach the instances of the node on its own machine. */
    private static final String LOCAL_ADDRESS = "127.0.0.1";

    private final EngineLayout layout;
    private final PluginRegistry plugins;
    private final Workspaces workspaces;
    private final Applications applications;
    private final Versions versions;
    private final Jobs jobs;
    private final JobManager jobManager;
    private final Crons crons;
    private final Routes routes;
    private final Certificates certificates;
    private Optional<CertificateKeeper> keeper = Optional.empty();
    private final Nodes nodes;
    private final Services services;
    private final Disk disk;
    private final Optional<ExecutorService> ownExecutor;
    private final Optional<FileStore> ownStore;
    private final HealthMonitor health;
    private final CronRunner cronRunner;
    private final Leadership leadership;
    private final InstanceManager instanceManager;
    /** Only where controllers share the store: one alone ends its own leftovers when it starts. */
    private final Optional<AbandonedJobs> abandoned;
    private final Optional<ClusterServer> cluster;
    private Optional<RoutePublisher> ownPublisher = Optional.empty();
    private Optional<PluginRegistry> ownPlugins = Optional.empty();

    private Paasmaker(Builder builder) {
        layout = new EngineLayout(builder.home);
        Clock clock = builder.clock;
        ownStore = builder.store != null ? Optional.empty() : Optional.of(FileStore.open(layout.store()));
        Store store = builder.store != null ? builder.store : ownStore.get();
        // The router process launches while the engine opens its store: the WAR's store opens on its first
        // use below (the database's boot and its migrations), and each takes about a second of a server's start.
        CompletableFuture<Optional<RouterControl>> routerStart = startRouter(builder);
        ExecutorService executor = builder.executor != null ? builder.executor
                : Executors.newCachedThreadPool(DaemonThreads.named("paasmaker-job-"));
        ownExecutor = builder.executor != null ? Optional.empty() : Optional.of(executor);
        Leadership leading = null;
        Optional<AbandonedJobs> looking = Optional.empty();
        String controller = ControllerName.holder(builder.settingsEnvironment);
        try {
            plugins = PluginRegistry.load(builder.classLoader, builder.enabledPlugins, layout.plugins(), clock,
                    new PluginRegistry.Settings(layout.home(), builder.pluginSettings, builder.settingsEnvironment,
                            Paasmaker::warn));
            ownPlugins = Optional.of(plugins);
            jobManager = new JobManager(layout.jobs(), clock, executor, builder.threadFactory,
                    JobLogLimit.from(builder.settingsEnvironment), store.jobs(), controller);
            TarGzPacker packer = new TarGzPacker();
            PackageStore packages = new PackageStore(layout.packages());
            PreparePipeline pipeline = new PreparePipeline(store, plugins, jobManager, packages, packer::pack,
                    layout.work(), builder.environment, builder.nodeTags, new KeyedLocks(), clock,
                    Optional.ofNullable(builder.prepareRunner));
            LogLimit logLimit = builder.logLimit != null ? builder.logLimit : LogLimit.from(builder.settingsEnvironment);
            NodeRegistry nodeRegistry = new NodeRegistry(List.of());
            if (runsInstances(builder)) {
                EphemeralPorts.warnOnce(builder.ports, Paasmaker::warn);
                nodeRegistry.add(new LocalNode(LOCAL_NODE, LOCAL_ADDRESS, builder.nodeTags, layout.instances(), packages,
                        packer, new PortAllocator(builder.ports), plugins,
                        new ProcessRecords(layout.processes(), Paasmaker::warn), clock, logLimit,
                        new LogWriters(new ProcessRecords(layout.logWriters(), Paasmaker::warn), clock)));
            }
            for (MoreNode more : builder.moreNodes) {
                Path home = layout.home().resolve("nodes").resolve(more.name());
                nodeRegistry.add(new LocalNode(more.name(), more.address(), more.tags(), home.resolve("instances"),
                        packages, packer, new PortAllocator(more.ports()), plugins,
                        new ProcessRecords(home.resolve("processes"), Paasmaker::warn), clock, logLimit,
                        new LogWriters(new ProcessRecords(home.resolve("log-writers"), Paasmaker::warn), clock)));
            }
            Optional<LeaseRepository> shared = store.leases();
            // Alone on its store, this engine always leads: that is not worth a word in its log.
            LeaseRepository leases = shared.orElseGet(() -> new LocalLeases(clock));
            LeaseSettings leaseSettings = builder.lease != null ? builder.lease
                    : LeaseSettings.from(builder.settingsEnvironment);
            leading = new Leadership(leases, controller, leaseSettings,
                    shared.isPresent() ? Paasmaker::inform : message -> { })
                    .whenPresenceLost(() -> jobManager.endAll("controller " + controller + ", which ran this job,"
                            + " could not reach the store for longer than its lease; another controller may have"
                            + " ended it meanwhile: run the same action again"))
                    .start();
            leadership = leading;
            VersionManifests manifests = new VersionManifests(plugins);
            Optional<RouterControl> router = started(routerStart);
            FileCertificateStore certificateStore = FileCertificateStore.open(layout.home().resolve("certificates"),
                    Paasmaker::warn);
            Optional<RoutePublisher> publisher = router.map(control -> new RoutePublisher(store, manifests,
                    builder.clusterHostname, control, new RouteFeed(Clock.systemUTC()), builder.drainLimit,
                    nodeRegistry::addressIfKnown, certificateStore::list, leadership::term, Paasmaker::warn)
                    .refreshEvery(RouteRefresh.from(builder.settingsEnvironment).every()));
            ownPublisher = publisher;
            Routing routing = publisher.<Routing>map(p -> p).orElse(Routing.NONE);
            ReleaseStep release = new ReleaseStep(store, new CommandSteps(plugins, jobManager), packages, packer,
                    layout.work(), clock);
            InstanceManager instances = new InstanceManager(store, plugins, manifests, jobManager, nodeRegistry, packages,
                    routing, new InstanceEnvironment(store, builder.environment, builder.nodeTags), release, clock);
            instances.adopt();
            shared.ifPresent(all -> instances.takeTurns(all, controller, leaseSettings.ttl(), Paasmaker::warn));
            instanceManager = instances;
            NodeWatchSettings watch = builder.nodeWatch != null ? builder.nodeWatch
                    : NodeWatchSettings.from(builder.settingsEnvironment);
            health = new HealthMonitor(store, instances, jobManager, clock,
                    new NodeWatch(store, nodeRegistry, instances, clock, watch.timeout()), watch.replacementsPerRound(),
                    plugins::maintain);
            looking = shared.map(all -> new AbandonedJobs(store.jobs(), all, controller, leaseSettings.ttl(), clock,
                    Paasmaker::warn).start(leadership::leads, leaseSettings.renewEvery()));
            abandoned = looking;
            health.start(builder.healthInterval, leadership.rounds("health rounds"));
            CurrentVersionCrons currentCrons = new CurrentVersionCrons(store, manifests, nodeRegistry::addressIfKnown);
            // Before any work is taken: no prepare runs and no cron is checked yet.
            new StaleFiles(layout, jobManager).clean(GoneCrons.files(currentCrons, layout.crons()));
            cronRunner = new CronRunner(currentCrons, layout.crons(), store.cronLedger(), clock, Paasmaker::warn);
            cronRunner.start(leadership::leads);
            workspaces = new Workspaces(store);
            applications = new Applications(store, instances);
            DiskAccounting accounting = new DiskAccounting(layout, store,
                    builder.diskLimit != null ? builder.diskLimit : DiskLimit.from(builder.settingsEnvironment), clock);
            disk = new Disk(store, accounting);
            versions = new Versions(store, pipeline, instances, packages, health, jobManager,
                    new Retention(store, jobManager, instances, packages, layout, builder.retention != null
                            ? builder.retention : RetentionPolicy.from(builder.settingsEnvironment), clock),
                    new PrepareRoom(accounting));
            // Alone on its store, every tree this engine knows is in its memory: the store has none to add.
            jobs = new Jobs(jobManager, shared.map(all -> store.jobs()), controller);
            crons = new Crons(store, currentCrons, cronRunner);
            routes = new Routes(publisher);
            ApplicationHostnames hostnames = new ApplicationHostnames(store, manifests, builder.clusterHostname);
            Optional<CertificateIssuer> issuer = Optional.ofNullable(builder.certificateIssuer)
                    .or(() -> AcmeSettings.from(builder.settingsEnvironment)
                            .map(acme -> new AcmeCertificateIssuer(acme, layout.home())));
            if (issuer.isPresent()) {
                if (publisher.isEmpty()) {
                    warn("A certificate issuer was given, but this engine runs no router to answer its challenges;"
                            + " no certificate is obtained");
                } else {
                    keeper = Optional.of(new CertificateKeeper(certificateStore, hostnames, issuer.get(),
                            publisher.get(), publisher.get()::changed, clock, builder.keeperSettings != null
                                    ? builder.keeperSettings : KeeperSettings.from(builder.settingsEnvironment),
                            Paasmaker::inform));
                    keeper.get().start(leadership::leads);
                }
            }
            certificates = new Certificates(certificateStore, store, hostnames, keeper,
                    () -> publisher.ifPresent(RoutePublisher::changed), clock);
            nodes = new Nodes(nodeRegistry, plugins, clock);
            services = new Services(store, plugins, layout.work());
            // Last: node agents register and fetch packages once the rest stands.
            ClusterSettings clusterSettings = builder.cluster != null ? builder.cluster
                    : ClusterSettings.from(layout.home(), builder.settingsEnvironment);
            cluster = clusterSettings.token().map(token -> {
                ClusterServer server = ClusterServer.start(clusterSettings.address(), clusterSettings.port(), token,
                        nodeRegistry, packages, clock, Paasmaker::inform);
                // Routers on other machines follow the tables here, with the same node token.
                // Of controllers sharing a store, the leader alone serves them; alone, this one always does.
                Supplier<Optional<String>> notLeading = () -> shared.isEmpty() || leadership.leads()
                        ? Optional.empty() : Optional.of(notLeading(leadership));
                publisher.ifPresent(p -> server.mount(RouteFeedHandler.PATH, new RouteFeedHandler(p.feed(),
                        value -> token.authorizes("Bearer " + value), notLeading)));
                // A controller that does not lead has the leader drain what it stops from the leader's routers.
                publisher.ifPresent(p -> server.mount(LeaderDrains.PATH, new RouteDrainHandler(p, notLeading)));
                publisher.ifPresent(p -> p.drainingThrough(new LeaderDrains(
                        LeaderDrains.controllers(builder.settingsEnvironment), token,
                        () -> shared.isEmpty() || leadership.leads(), Paasmaker::warn)));
                return server;
            });
        } catch (RuntimeException | Error e) {
            // A router being launched is let finish, so that the next attempt adopts it rather than racing it.
            routerStart.handle((router, failure) -> router).join();
            // Half an engine must not keep the store file claimed, or the next attempt cannot open it.
            keeper.ifPresent(CertificateKeeper::close);
            ownPublisher.ifPresent(RoutePublisher::close);
            looking.ifPresent(AbandonedJobs::close);
            if (leading != null) {
                leading.close();
            }
            ownExecutor.ifPresent(ExecutorService::shutdownNow);
            ownPlugins.ifPresent(PluginRegistry::close);
            ownStore.ifPresent(FileStore::close);
            throw e;
        }
    }

    private static String notLeading(Leadership leadership) {
        return "this controller (" + leadership.holder() + ") does not lead the controllers sharing its store, and only"
                + " the leader serves the routes; " + (leadership.leader().isEmpty() ? "no leader is known yet"
                : "the lease is held by " + leadership.leader()) + ": follow the next controller";
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Calls the verbs as {@code actor}: each job they start records the actor's name as who started it,
     * {@code pm.as(alice, () -> pm.versions().start(id))}. Jobs started outside such a call, and those
     * the platform starts by itself (health replacements, retention), record {@link Actor#PLATFORM}.
     */
    public <T> T as(Actor actor, Supplier<T> verbs) {
        return jobManager.startedBy(actor, verbs);
    }

    public Workspaces workspaces() {
        return workspaces;
    }

    public Applications applications() {
        return applications;
    }

    public Versions versions() {
        return versions;
    }

    public Jobs jobs() {
        return jobs;
    }

    public Crons crons() {
        return crons;
    }

    public Routes routes() {
        return routes;
    }

    /** Certificates for the applications' hostnames over HTTPS: uploaded, and obtained when an issuer is set. */
    public Certificates certificates() {
        return certificates;
    }

    public Nodes nodes() {
        return nodes;
    }

    public Services services() {
        return services;
    }

    /** What the platform holds on its disk, and whether the disk runs low. */
    public Disk disk() {
        return disk;
    }

    /** The plugins this engine offers; manifests are validated against them. */
    public PluginCatalog plugins() {
        return plugins;
    }

    /**
     * The endpoint node agents register with, report to and fetch packages from, when a node token is
     * set ({@link Builder#cluster(ClusterSettings)}); further paths for the cluster can be mounted on it.
     */
    public Optional<ClusterServer> cluster() {
        return cluster;
    }

    /** This controller's part in the lease that controllers sharing a store take in turn. */
    public Leadership leadership() {
        return leadership;
    }

    /** The data directory: packages, job logs, working copies, plugin data. */
    public Path home() {
        return layout.home();
    }

    /**
     * Stops the engine's own threads and closes its plugins. Instances keep running: they belong to no
     * engine, and the next one finds them; so do the database servers a service plugin manages.
     */
    @Override
    public void close() {
        cluster.ifPresent(ClusterServer::close);
        // Running jobs end now rather than hold the shutdown (an application server waits for them); the
        // few that do not end in time are recorded as running, and the next engine settles them alike.
        jobManager.stopAllForShutdown(SHUTDOWN_JOB_LIMIT);
        jobManager.close();
        cronRunner.close();
        instanceManager.close();
        abandoned.ifPresent(AbandonedJobs::close);
        keeper.ifPresent(CertificateKeeper::close);
        ownPublisher.ifPresent(RoutePublisher::close);
        health.close();
        // After the rounds have stopped: another controller may take over at once.
        leadership.close();
        plugins.close();
        ownExecutor.ifPresent(executor -> {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ownStore.ifPresent(FileStore::close);
    }

    /**
     * The router the builder asked for: the one it was given, or the router process, started or
     * adopted (it outlives this engine on purpose, as the instances do).
     */
    /** Starts or adopts the router process on a thread of its own; done at once when there is none to start. */
    private CompletableFuture<Optional<RouterControl>> startRouter(Builder builder) {
        if (builder.router != null || builder.routerPort < 0) {
            return CompletableFuture.completedFuture(router(builder));
        }
        CompletableFuture<Optional<RouterControl>> start = new CompletableFuture<>();
        DaemonThreads.named("paasmaker-router-start-").newThread(() -> {
            try {
                start.complete(router(builder));
            } catch (RuntimeException | Error e) {
                start.completeExceptionally(e);
            }
        }).start();
        return start;
    }

    /** The router once started, or what stopped its start, as the start threw it. */
    private static Optional<RouterControl> started(CompletableFuture<Optional<RouterControl>> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    private Optional<RouterControl> router(Builder builder) {
        if (builder.router != null) {
            return Optional.of(builder.router);
        }
        if (builder.routerPort < 0) {
            return Optional.empty();
        }
        return Optional.of(RouterProcess.startOrAdopt(new RouterProcessSettings(layout.router(), builder.routerPort,
                AccessLogLimit.from(builder.settingsEnvironment).arguments(), RouterProcessSettings.jvmOptions(builder.settingsEnvironment), Duration.ofSeconds(30), Paasmaker::warn,
                RouterCode.from(builder.settingsEnvironment))
                .withHttpsPort(RouterProcessSettings.httpsPort(builder.settingsEnvironment))));
    }

    /**
     * Whether the controller's own machine is a node too: yes unless {@link Builder#localNode(boolean)}
     * or {@value #LOCAL_NODE_VARIABLE}{@code =false} says that only node agents run instances.
     */
    private static boolean runsInstances(Builder builder) {
        if (builder.localNode != null) {
            return builder.localNode;
        }
        String setting = builder.settingsEnvironment.getOrDefault(LOCAL_NODE_VARIABLE, "true").strip();
        if (!setting.equals("true") && !setting.equals("false")) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, LOCAL_NODE_VARIABLE + " is '" + setting
                    + "'; give true (the controller's machine runs instances too) or false (only node agents do)");
        }
        return Boolean.parseBoolean(setting);
    }

    private static void inform(String message) {
        System.getLogger(Paasmaker.class.getName()).log(System.Logger.Level.INFO, message);
    }

    private static void warn(String message) {
        System.getLogger(Paasmaker.class.getName()).log(System.Logger.Level.WARNING, message);
    }

    /** Configures an engine; every setting has a working default. */
    public static final class Builder {
        private Path home = defaultHome();
        private Store store;
        private Clock clock = Clock.systemUTC();
        private ExecutorService executor;
        private Predicate<String> enabledPlugins = name -> true;
        private ClassLoader classLoader = Paasmaker.class.getClassLoader();
        private Map<String, String> environment = System.getenv();
        private Map<String, Object> nodeTags = Map.of();
        private final List<MoreNode> moreNodes = new ArrayList<>();
        private PortRange ports = defaultPorts();
        private Duration healthInterval = Duration.ofSeconds(1);
        private NodeWatchSettings nodeWatch;
        private LeaseSettings lease;
        private Boolean localNode;
        private RouterControl router;
        private int routerPort = -1;
        private String clusterHostname = defaultClusterHostname();
        private Duration drainLimit = RouterControl.DEFAULT_DRAIN_LIMIT;
        private PrepareRunner prepareRunner;
        private ThreadFactory threadFactory = DaemonThreads.named("paasmaker-job-events-");
        private final Map<String, Map<String, String>> pluginSettings = new LinkedHashMap<>();
        private Map<String, String> settingsEnvironment = System.getenv();
        private LogLimit logLimit;
        private RetentionPolicy retention;
        private DiskLimit diskLimit;
        private ClusterSettings cluster;
        private CertificateIssuer certificateIssuer;
        private KeeperSettings keeperSettings;

        private Builder() {
        }

        /** The data directory; default {@code $PAASMAKER_HOME}, else {@code ~/.paasmaker}. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * Where records are kept; default a file store at {@code $PAASMAKER_HOME/store.json}, which
         * the engine opens and closes. A store given here stays open when the engine closes.
         */
        public Builder store(Store store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Makes the threads that tell subscribers of job changes (by default daemon threads): apart from
         * the executor, so that a job's events go out at once while every thread of the executor is busy.
         * A Jakarta EE server passes its {@code ManagedThreadFactory}.
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /** Runs jobs; the engine leaves an executor it was given running when it closes. */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Offers only these plugins (by manifest name); default every plugin on the class path. */
        public Builder enabledPlugins(Set<String> names) {
            Set<String> enabled = Set.copyOf(names);
            this.enabledPlugins = enabled::contains;
            return this;
        }

        /** Where plugins are looked up with {@link java.util.ServiceLoader}. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** The environment application processes start from; default this process's. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Another node on this machine besides the engine's own: its instances get a directory
         * ({@code nodes/<name>} in the home) and ports of their own, and are reached at its address,
         * such as a loopback address of its own ({@code 127.0.0.2}). Placement spreads instances over
         * all the nodes; nodes on machines of their own come with node agents.
         */
        public Builder node(String name, String address, Map<String, ?> tags, PortRange ports) {
            if (!name.matches("[a-z0-9][a-z0-9-]*") || name.equals(LOCAL_NODE)) {
                throw new IllegalArgumentException("a node's name is lowercase letters, digits and dashes, and not '"
                        + LOCAL_NODE + "': " + name);
            }
            moreNodes.add(new MoreNode(name, Objects.requireNonNull(address, "address"),
                    Map.copyOf(new LinkedHashMap<>(tags)), Objects.requireNonNull(ports, "ports")));
            return this;
        }

        /**
         * Whether the controller's machine runs instances as the node {@code local} (the default, and what
         * one machine needs); with {@code false} only node agents do. Without this,
         * {@code PAASMAKER_LOCAL_NODE} says.
         */
        public Builder localNode(boolean runsInstances) {
            this.localNode = runsInstances;
            return this;
        }

        /** This node's tags, handed to applications as {@code PM_METADATA.node}. */
        public Builder nodeTags(Map<String, ?> tags) {
            this.nodeTags = Map.copyOf(new LinkedHashMap<>(tags));
            return this;
        }

        /** The ports instances listen on; default {@code $PAASMAKER_PORTS}, else 42600-42699. */
        public Builder ports(PortRange ports) {
            this.ports = Objects.requireNonNull(ports, "ports");
            return this;
        }

        /**
         * When a node whose agent stopped reporting is DOWN, and how fast what it ran is replaced. Without
         * this, {@code PAASMAKER_NODE_TIMEOUT} and {@code PAASMAKER_REPLACEMENTS_PER_ROUND} say, else 6 s and 10.
         */
        /**
         * How long the controllers' lease lasts without renewal, where several controllers share a store
         * ({@link Store#leases()}): only the holder runs the health rounds, the node watch and the crons.
         * Without this, {@code PAASMAKER_LEASE_SECONDS} says, else 6 s.
         */
        public Builder lease(LeaseSettings settings) {
            this.lease = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder nodeWatch(NodeWatchSettings settings) {
            this.nodeWatch = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How often running instances are checked (and dead ones replaced); default every second. */
        public Builder healthInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the health interval must be positive: " + interval);
            }
            this.healthInterval = interval;
            return this;
        }

        /**
         * The router the engine keeps in step with its instances: a {@code org.paasmaker.router.Router}
         * in this JVM, or a router process. Default none: the instances answer on their own ports only.
         */
        public Builder router(RouterControl router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Runs the router as a process of its own on {@code port} (the default is
         * {@code $PAASMAKER_ROUTER_PORT}, else 8080: see {@link #defaultRouterPort()}): started, or
         * adopted when an earlier engine left it running, and started again if it dies. It keeps
         * serving while no engine runs. Its code is the router's jar that the engine carries, or the
         * one {@code PAASMAKER_ROUTER_JAR} of {@link #settingsEnvironment(Map)} names.
         */
        public Builder routerProcess(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("the router's port is 0 (any free one) to 65535, not " + port);
            }
            this.routerPort = port;
            return this;
        }

        /** The router's port when nothing else is said. */
        public static final int DEFAULT_ROUTER_PORT = 8080;

        /** {@code $PAASMAKER_ROUTER_PORT}, else 8080. */
        public static int defaultRouterPort() {
            String configured = System.getenv("PAASMAKER_ROUTER_PORT");
            return configured != null && !configured.isBlank() ? Integer.parseInt(configured.strip())
                    : DEFAULT_ROUTER_PORT;
        }

        /**
         * The suffix of every version's and instance type's own hostnames, such as
         * {@code 1.web.hello.dev.localhost}; default {@code $PAASMAKER_CLUSTER_HOSTNAME}, else {@code localhost}.
         */
        public Builder clusterHostname(String hostname) {
            this.clusterHostname = Objects.requireNonNull(hostname, "hostname").toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        /** How long a stopping instance's requests in flight may take to end before it stops; default 30 s. */
        public Builder drainLimit(Duration limit) {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("the drain limit cannot be negative: " + limit);
            }
            this.drainLimit = limit;
            return this;
        }

        /**
         * Runs the steps of every prepare (fetch, manifest, services, commands, pack) where the runner
         * says, such as a Jakarta Batch job; default in the prepare job's own thread.
         */
        public Builder prepareRunner(PrepareRunner runner) {
            this.prepareRunner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * The operator's settings for one plugin, by its manifest name, such as
         * {@code pluginSettings("paasmaker.service.postgres", Map.of("mode", "external", ...))}; they
         * replace what the environment says for that plugin. A key the plugin does not declare, or a
         * value of the wrong type, makes {@link #build()} fail, naming the plugin and the key. Without
         * this, each plugin reads its settings from {@code PAASMAKER_<PLUGIN>_<KEY>} variables of
         * {@link #settingsEnvironment(Map)} ({@code PAASMAKER_SERVICE_POSTGRES_MODE}): see
         * {@link org.paasmaker.api.plugin.PluginSettings}.
         */
        public Builder pluginSettings(String plugin, Map<String, String> settings) {
            this.pluginSettings.put(Objects.requireNonNull(plugin, "plugin"), Map.copyOf(settings));
            return this;
        }

        /**
         * How much output each instance keeps (10 MiB a file and 3 rotated files by default, however
         * fast it writes). Without this, {@code PAASMAKER_INSTANCE_LOG_BYTES} and
         * {@code PAASMAKER_INSTANCE_LOGS_KEPT} of {@link #settingsEnvironment(Map)} say, as
         * {@link LogLimit#from(Map)} reads them; it applies to instances started from then on.
         */
        public Builder instanceLogLimit(LogLimit limit) {
            this.logLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        /**
         * How many versions each application keeps besides its current one (5 by default; older ones
         * that are stopped and not kept by a user are deleted with their packages), and how many of its
         * finished job trees (100, none older than 30 days). Without this, {@code PAASMAKER_KEEP_VERSIONS},
         * {@code PAASMAKER_KEEP_JOBS} and {@code PAASMAKER_KEEP_JOB_DAYS} of {@link #settingsEnvironment(Map)} say.
         */
        public Builder retention(RetentionPolicy policy) {
            this.retention = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The free space the platform keeps (1 GiB by default): under it, the engine's health warns, and
         * a prepare that would leave less is refused. Without this, {@code PAASMAKER_DISK_LOW_BYTES} of
         * {@link #settingsEnvironment(Map)} says.
         */
        public Builder diskLimit(DiskLimit limit) {
            this.diskLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        /**
         * Where plugins without {@link #pluginSettings(String, Map)} find theirs, as
         * {@code PAASMAKER_<PLUGIN>_<KEY>} variables, and the engine its own ({@code PAASMAKER_JOB_LOG_BYTES},
         * ...); default this process's environment.
         */
        public Builder settingsEnvironment(Map<String, String> environment) {
            this.settingsEnvironment = Map.copyOf(environment);
            return this;
        }

        /**
         * The endpoint for node agents on other machines: its address, port and node token. Without
         * this, {@code PAASMAKER_CLUSTER_ADDRESS}, {@code PAASMAKER_CLUSTER_PORT} (8091) and
         * {@code PAASMAKER_NODE_TOKEN} of {@link #settingsEnvironment(Map)} say, else the token in the
         * file {@code node-token} of the home; with no token there is no endpoint.
         */
        public Builder cluster(ClusterSettings settings) {
            this.cluster = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Obtains and renews certificates for the hostnames of current versions from this issuer (ACME),
         * whose challenges the router answers. Without this, an ACME server is used when
         * {@code PAASMAKER_ACME_DIRECTORY} names one ({@code AcmeSettings}); else only uploaded
         * certificates are served.
         */
        public Builder certificateIssuer(CertificateIssuer issuer) {
            this.certificateIssuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * How often certificates are looked after, and the least time before expiry they are renewed;
         * without this, every minute and {@code PAASMAKER_ACME_RENEW_BEFORE} of
         * {@link #settingsEnvironment(Map)} (else a third of a certificate's lifetime).
         */
        public Builder certificateKeeping(KeeperSettings settings) {
            this.keeperSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Paasmaker build() {
            return new Paasmaker(this);
        }

        private static PortRange defaultPorts() {
            String configured = System.getenv("PAASMAKER_PORTS");
            return configured != null && !configured.isBlank() ? PortRange.parse(configured) : PortRange.DEFAULT;
        }

        private static String defaultClusterHostname() {
            String configured = System.getenv("PAASMAKER_CLUSTER_HOSTNAME");
            return configured != null && !configured.isBlank() ? configured.strip() : "localhost";
        }

        private static Path defaultHome() {
            String configured = System.getenv("PAASMAKER_HOME");
            return configured != null && !configured.isBlank()
                    ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".paasmaker");
        }
    }

    /** A node on this machine besides the engine's own. */
    private record MoreNode(String name, String address, Map<String, Object> tags, PortRange ports) {
    }
}
