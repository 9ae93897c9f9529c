package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.environment.InstanceEnvironment;
import org.paasmaker.engine.health.HealthMonitor;
import org.paasmaker.engine.health.NodeWatch;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.engine.instance.Routing;
import org.paasmaker.engine.internal.VersionManifests;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.node.NodeReport;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.prepare.CommandSteps;
import org.paasmaker.engine.release.ReleaseStep;
import org.paasmaker.engine.routes.RoutePublisher;

/**
 * The figures of docs/benchmarks.md's "Controller on PostgreSQL" section, printed, never asserted (the
 * machine is shared): a real PostgreSQL holding 10,000 versions (1,000 applications in 50 workspaces,
 * ten RUNNING versions each, the newest current, a cron on every tenth application) and 20,000 RUNNING
 * instances on four nodes whose agents report, written through the JpaStore on a pooled data source as
 * Liberty's; then the median and 95th percentile of one health round as the leading controller runs
 * it, and of one route computation (what one new routing table costs). The nodes are the agents' side
 * as the controller sees it (their last reports, and answers from memory where asked); every call the
 * round makes to a node is counted, as each would be a request to an agent.
 *
 * <p>Run it with {@code bench/controller.sh}; it is skipped unless {@code -Dpaasmaker.figures=true}.
 */
@ExtendWith(SharedPostgres.class)
@EnabledIfSystemProperty(named = "paasmaker.figures", matches = "true")
class ControllerRoundsFiguresTest {

    private static final int WORKSPACES = 50;
    private static final int APPLICATIONS = 1_000;
    private static final int VERSIONS_EACH = 10;
    private static final int INSTANCES_EACH = 2;
    private static final List<String> NODES = List.of("agent-1", "agent-2", "agent-3", "agent-4");
    private static final int ROUNDS = Integer.getInteger("paasmaker.figures.rounds", 50);
    private static final int WARM_UP = Integer.getInteger("paasmaker.figures.warmUp", 10);

    @TempDir
    Path temp;

    @Test
    void printsTheHealthRoundAndTheRouteComputation() throws Exception {
        PostgresDatabase database = SharedPostgres.newDatabase();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(8);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            SchemaMigrations.migrate(pool, database.url());
            EntityManagerFactory factory = Persistence.createEntityManagerFactory(JpaStore.PERSISTENCE_UNIT,
                    Map.of("jakarta.persistence.nonJtaDataSource", pool));
            try {
                run(new JpaStore(factory));
            } finally {
                factory.close();
            }
        }
    }

    private void run(Store store) throws Exception {
        long fillStart = System.nanoTime();
        Map<String, ReportingNode> agents = fill(store);
        System.out.printf("Filled %d versions and %d instances through the JpaStore in %.1f s%n",
                APPLICATIONS * VERSIONS_EACH, APPLICATIONS * VERSIONS_EACH * INSTANCES_EACH,
                (System.nanoTime() - fillStart) / 1e9);

        Clock clock = Clock.systemUTC();
        PluginRegistry plugins = PluginRegistry.load(getClass().getClassLoader(), name -> true,
                temp.resolve("plugins"), clock);
        VersionManifests manifests = new VersionManifests(plugins);
        ExecutorService jobThreads = Executors.newFixedThreadPool(2);
        JobManager jobs = new JobManager(temp.resolve("jobs"), clock, jobThreads);
        NodeRegistry nodes = new NodeRegistry(List.copyOf(agents.values()));
        Instant now = clock.instant();
        agents.values().forEach(agent -> nodes.reported(agent.name(), new NodeReport(now, now, agent.profile(),
                agent.running())));
        PackageStore packages = new PackageStore(temp.resolve("packages"));
        TarGzPacker packer = new TarGzPacker();
        InstanceManager instances = new InstanceManager(store, plugins, manifests, jobs, nodes, packages, Routing.NONE,
                new InstanceEnvironment(store, Map.of(), Map.of()), new ReleaseStep(store, new CommandSteps(plugins,
                        jobs), packages, packer, temp.resolve("work"), clock), clock);
        try (HealthMonitor health = new HealthMonitor(store, instances, jobs, clock,
                new NodeWatch(store, nodes, instances, clock, Duration.ofSeconds(10)), 10, () -> { })) {
            AtomicLong before = new AtomicLong();
            List<Long> rounds = time(() -> {
                before.set(calls(agents));
                health.check();
            });
            long callsPerRound = calls(agents) - before.get();
            print("health round", rounds);
            System.out.printf("  node calls in the last round: %d%n", callsPerRound);
            assertThat(store.instances().inStates(Set.of(InstanceState.RUNNING)))
                    .hasSize(APPLICATIONS * VERSIONS_EACH * INSTANCES_EACH);
        } finally {
            jobThreads.shutdownNow();
        }

        // What the store's part of each costs alone.
        print("  of which the running versions", time(() -> store.versions().inStates(Set.of(VersionState.RUNNING))));
        print("  of which the active instances", time(() -> store.instances().inStates(InstanceManager.ACTIVE)));
        print("  of which every application", time(() -> store.applications().all()));

        TableKeeper router = new TableKeeper();
        RoutePublisher publisher = new RoutePublisher(store, manifests, "figures.example", router,
                Duration.ofSeconds(1), nodes::addressIfKnown, warning -> { });
        print("route computation", time(publisher::changed));
        // Every RUNNING version's name, and each current version's own.
        assertThat(router.table.get().routes()).hasSize(APPLICATIONS * VERSIONS_EACH + APPLICATIONS);
    }

    /** The records, written by four threads each taking whole applications, as the store would be after use. */
    private Map<String, ReportingNode> fill(Store store) throws Exception {
        Map<String, ReportingNode> agents = new ConcurrentHashMap<>();
        for (int n = 0; n < NODES.size(); n++) {
            String address = "10.0.0." + (n + 1);
            agents.put(NODES.get(n), new ReportingNode(new NodeProfile(NODES.get(n), address, Map.of(), Map.of(),
                    new PortRange(40000, 60000))));
        }
        List<Workspace> workspaces = new ArrayList<>();
        for (int w = 0; w < WORKSPACES; w++) {
            workspaces.add(store.workspaces().create(new NewWorkspace("Workspace " + w, "ws" + w)));
        }
        SourceSpec source = SourceSpec.of("paasmaker.scm.directory", Map.of("location", "/src"));
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < APPLICATIONS; a++) {
                int index = a;
                done.add(writers.submit(() -> {
                    Application application = store.applications().findOrCreate(
                            workspaces.get(index % WORKSPACES).id(), "app" + index, PluginParameters.empty());
                    for (int v = 0; v < VERSIONS_EACH; v++) {
                        ApplicationVersion version = store.versions().create(application.id(), source, "manifest.yml",
                                manifest(index), Instant.now());
                        version = store.versions().update(version.withState(VersionState.RUNNING)
                                .withCurrent(v == VERSIONS_EACH - 1));
                        for (int i = 0; i < INSTANCES_EACH; i++) {
                            ReportingNode node = agents.get(NODES.get((index * VERSIONS_EACH + v + i) % NODES.size()));
                            Instance instance = Instance.allocated(version.id(), "web", node.name(), Instant.now())
                                    .withPort(40000 + (index * VERSIONS_EACH + v) % 20000)
                                    .running(Instant.now());
                            store.instances().create(instance);
                            node.running.add(instance.id());
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            writers.shutdownNow();
        }
        return agents;
    }

    private static String manifest(int application) {
        String crons = application % 10 == 0 ? """
                    crons:
                      - runspec: '*/5 * * * *'
                        uri: /tick
                """ : "";
        return """
                manifest: {format: 1}
                application: {name: app%d}
                instances:
                  - name: web
                    quantity: %d
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters: {launch_command: "serve %%(port)d"}
                """.formatted(application, INSTANCES_EACH) + crons;
    }

    private static long calls(Map<String, ReportingNode> agents) {
        return agents.values().stream().mapToLong(agent -> agent.calls.get()).sum();
    }

    private static List<Long> time(Runnable round) {
        for (int i = 0; i < WARM_UP; i++) {
            round.run();
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            round.run();
            nanos.add(System.nanoTime() - start);
        }
        Collections.sort(nanos);
        return nanos;
    }

    private static void print(String what, List<Long> sorted) {
        System.out.printf("Controller on PostgreSQL, %d versions, %d instances: %s median %.1f ms, p95 %.1f ms"
                        + " (%d rounds after %d)%n", APPLICATIONS * VERSIONS_EACH,
                APPLICATIONS * VERSIONS_EACH * INSTANCES_EACH, what, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6, sorted.size(), WARM_UP);
    }

    /** A node whose agent reports: its instances run, and each question asked of it is counted. */
    private static final class ReportingNode implements Node {

        final Set<InstanceId> running = ConcurrentHashMap.newKeySet();
        final AtomicLong calls = new AtomicLong();
        private final NodeProfile profile;

        ReportingNode(NodeProfile profile) {
            this.profile = profile;
        }

        @Override
        public String name() {
            return profile.name();
        }

        @Override
        public NodeProfile profile() {
            return profile;
        }

        @Override
        public boolean probe(InstanceId instance, int port) {
            calls.incrementAndGet();
            return running.contains(instance);
        }

        @Override
        public boolean isAlive(InstanceId instance) {
            calls.incrementAndGet();
            return running.contains(instance);
        }

        @Override
        public OptionalInt exitStatus(InstanceId instance) {
            calls.incrementAndGet();
            return OptionalInt.empty();
        }

        @Override
        public Set<InstanceId> running() {
            calls.incrementAndGet();
            return Set.copyOf(running);
        }

        @Override
        public void maintain() {
            calls.incrementAndGet();
        }

        @Override
        public OptionalInt register(InstanceId instance, String packageChecksum, boolean needsPort) {
            throw new UnsupportedOperationException("the figures start no instance");
        }

        @Override
        public void start(InstanceId instance, InstanceStart start, StepContext step) {
            throw new UnsupportedOperationException("the figures start no instance");
        }

        @Override
        public void restart(InstanceId instance, InstanceStart start, StepContext step) {
            throw new UnsupportedOperationException("the figures start no instance");
        }

        @Override
        public void stop(InstanceId instance, Duration grace) {
            throw new UnsupportedOperationException("the figures stop no instance");
        }

        @Override
        public void release(InstanceId instance) {
            throw new UnsupportedOperationException("the figures release no instance");
        }

        @Override
        public String logTail(InstanceId instance, int lines) {
            return "";
        }

        @Override
        public LogLines logLast(InstanceId instance, int lines) {
            return new LogLines("", 0);
        }

        @Override
        public LogLines logAfter(InstanceId instance, long offset, int maxBytes) {
            return new LogLines("", offset);
        }

        @Override
        public void deregister(InstanceId instance) {
            throw new UnsupportedOperationException("the figures deregister no instance");
        }
    }

    /** The router's side: keeps the table it is given. */
    private static final class TableKeeper implements RouterControl {

        final AtomicReference<RoutingTable> table = new AtomicReference<>(RoutingTable.of(0, List.of()));

        @Override
        public void update(RoutingTable next) {
            table.set(next);
        }

        @Override
        public int port() {
            return 0;
        }

        @Override
        public RoutingTable table() {
            return table.get();
        }

        @Override
        public RouterStatistics statistics() {
            throw new UnsupportedOperationException("the figures ask for no traffic");
        }

        @Override
        public DrainResult drain(RoutingTable next, Duration limit) {
            update(next);
            return new DrainResult(List.of(), List.of());
        }
    }
}
