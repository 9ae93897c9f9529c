package org.paasmaker.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
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
import org.paasmaker.api.routing.RouterControl;
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
import org.paasmaker.engine.retention.Retention;
import org.paasmaker.engine.retention.RetentionPolicy;
import org.paasmaker.engine.retention.StaleFiles;
import org.paasmaker.engine.store.FileStore;

/**
 * What an engine is made of: its parts, assembled from a {@link Paasmaker.Builder}'s settings in the
 * order they need each other, and closed together. A build that fails part-way closes what it had
 * started.
 */
final class EngineParts {

    static final String LOCAL_NODE = "local";
    /** How long closing waits for running jobs to end once told to. */
    private static final Duration SHUTDOWN_JOB_LIMIT = Duration.ofSeconds(5);
    private static final String LOCAL_NODE_VARIABLE = "PAASMAKER_LOCAL_NODE";
    /** Where the controller and its router reach the instances of the node on its own machine. */
    private static final String LOCAL_ADDRESS = "127.0.0.1";

    final EngineLayout layout;
    final PluginRegistry plugins;
    final Workspaces workspaces;
    final Applications applications;
    final Versions versions;
    final Jobs jobs;
    final JobManager jobManager;
    final Crons crons;
    final Routes routes;
    final Certificates certificates;
    private Optional<CertificateKeeper> keeper = Optional.empty();
    final Nodes nodes;
    final Services services;
    final Disk disk;
    private final Optional<ExecutorService> ownExecutor;
    private final Optional<FileStore> ownStore;
    private final HealthMonitor health;
    private final CronRunner cronRunner;
    final Leadership leadership;
    private final InstanceManager instanceManager;
    /** Only where controllers share the store: one alone ends its own leftovers when it starts. */
    private final Optional<AbandonedJobs> abandoned;
    final Optional<ClusterServer> cluster;
    private Optional<RoutePublisher> ownPublisher = Optional.empty();
    private Optional<PluginRegistry> ownPlugins = Optional.empty();

    EngineParts(Paasmaker.Builder builder) {
        layout = new EngineLayout(builder.home);
        Clock clock = builder.clock;
        ownStore = builder.store != null ? Optional.empty() : Optional.of(FileStore.open(layout.store()));
        Store store = builder.store != null ? builder.store : ownStore.get();
        // The router process launches while the engine opens its store: the WAR's store opens on its first
        // use below (the database's boot and its migrations), and each takes about a second of a server's start.
        RouterStart routerStart = RouterStart.begin(builder, layout.router(), Paasmaker::warn);
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
            for (Paasmaker.MoreNode more : builder.moreNodes) {
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
            Optional<RouterControl> router = routerStart.router();
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
                    Paasmaker.warn("A certificate issuer was given, but this engine runs no router to answer its"
                            + " challenges; no certificate is obtained");
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
            routerStart.settle();
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

    /**
     * Whether the controller's own machine is a node too: yes unless {@link Paasmaker.Builder#localNode(boolean)}
     * or {@value #LOCAL_NODE_VARIABLE}{@code =false} says that only node agents run instances.
     */
    private static boolean runsInstances(Paasmaker.Builder builder) {
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

    void close() {
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
}
