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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.plugin.PluginCatalog;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.certificate.CertificateIssuer;
import org.paasmaker.engine.certificate.KeeperSettings;
import org.paasmaker.engine.cluster.ClusterServer;
import org.paasmaker.engine.cluster.ClusterSettings;
import org.paasmaker.engine.disk.DiskLimit;
import org.paasmaker.engine.health.NodeWatchSettings;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.engine.internal.DaemonThreads;
import org.paasmaker.engine.lease.Leadership;
import org.paasmaker.engine.lease.LeaseSettings;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.prepare.PrepareRunner;
import org.paasmaker.engine.retention.RetentionPolicy;

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

    private final EngineParts parts;

    private Paasmaker(EngineParts parts) {
        this.parts = parts;
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
        return parts.jobManager.startedBy(actor, verbs);
    }

    public Workspaces workspaces() {
        return parts.workspaces;
    }

    public Applications applications() {
        return parts.applications;
    }

    public Versions versions() {
        return parts.versions;
    }

    public Jobs jobs() {
        return parts.jobs;
    }

    public Crons crons() {
        return parts.crons;
    }

    public Routes routes() {
        return parts.routes;
    }

    /** Certificates for the applications' hostnames over HTTPS: uploaded, and obtained when an issuer is set. */
    public Certificates certificates() {
        return parts.certificates;
    }

    public Nodes nodes() {
        return parts.nodes;
    }

    public Services services() {
        return parts.services;
    }

    /** What the platform holds on its disk, and whether the disk runs low. */
    public Disk disk() {
        return parts.disk;
    }

    /** The plugins this engine offers; manifests are validated against them. */
    public PluginCatalog plugins() {
        return parts.plugins;
    }

    /**
     * The endpoint node agents register with, report to and fetch packages from, when a node token is
     * set ({@link Builder#cluster(ClusterSettings)}); further paths for the cluster can be mounted on it.
     */
    public Optional<ClusterServer> cluster() {
        return parts.cluster;
    }

    /** This controller's part in the lease that controllers sharing a store take in turn. */
    public Leadership leadership() {
        return parts.leadership;
    }

    /** The data directory: packages, job logs, working copies, plugin data. */
    public Path home() {
        return parts.layout.home();
    }

    /**
     * Stops the engine's own threads and closes its plugins. Instances keep running: they belong to no
     * engine, and the next one finds them; so do the database servers a service plugin manages.
     */
    @Override
    public void close() {
        parts.close();
    }

    // Package-private: the parts the engine assembles log through these, under this class's name (the one an
    // operator's logging configuration knows).
    static void inform(String message) {
        System.getLogger(Paasmaker.class.getName()).log(System.Logger.Level.INFO, message);
    }

    static void warn(String message) {
        System.getLogger(Paasmaker.class.getName()).log(System.Logger.Level.WARNING, message);
    }

    /** Configures an engine; every setting has a working default. */
    public static final class Builder {
        // Package-private: EngineParts and RouterStart assemble the engine from them.
        Path home = defaultHome();
        Store store;
        Clock clock = Clock.systemUTC();
        ExecutorService executor;
        Predicate<String> enabledPlugins = name -> true;
        ClassLoader classLoader = Paasmaker.class.getClassLoader();
        Map<String, String> environment = System.getenv();
        Map<String, Object> nodeTags = Map.of();
        final List<MoreNode> moreNodes = new ArrayList<>();
        PortRange ports = defaultPorts();
        Duration healthInterval = Duration.ofSeconds(1);
        NodeWatchSettings nodeWatch;
        LeaseSettings lease;
        Boolean localNode;
        RouterControl router;
        int routerPort = -1;
        String clusterHostname = defaultClusterHostname();
        Duration drainLimit = RouterControl.DEFAULT_DRAIN_LIMIT;
        PrepareRunner prepareRunner;
        ThreadFactory threadFactory = DaemonThreads.named("paasmaker-job-events-");
        final Map<String, Map<String, String>> pluginSettings = new LinkedHashMap<>();
        Map<String, String> settingsEnvironment = System.getenv();
        LogLimit logLimit;
        RetentionPolicy retention;
        DiskLimit diskLimit;
        ClusterSettings cluster;
        CertificateIssuer certificateIssuer;
        KeeperSettings keeperSettings;

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
            if (!name.matches("[a-z0-9][a-z0-9-]*") || name.equals(EngineParts.LOCAL_NODE)) {
                throw new IllegalArgumentException("a node's name is lowercase letters, digits and dashes, and not '"
                        + EngineParts.LOCAL_NODE + "': " + name);
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
         * How long the controllers' lease lasts without renewal, where several controllers share a store
         * ({@link Store#leases()}): only the holder runs the health rounds, the node watch and the crons.
         * Without this, {@code PAASMAKER_LEASE_SECONDS} says, else 6 s.
         */
        public Builder lease(LeaseSettings settings) {
            this.lease = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * When a node whose agent stopped reporting is DOWN, and how fast what it ran is replaced. Without
         * this, {@code PAASMAKER_NODE_TIMEOUT} and {@code PAASMAKER_REPLACEMENTS_PER_ROUND} say, else 6 s and 10.
         */
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
            return new Paasmaker(new EngineParts(this));
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
    record MoreNode(String name, String address, Map<String, Object> tags, PortRange ports) {
    }
}
