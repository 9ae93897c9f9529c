package org.paasmaker.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.environment.InstanceEnvironment;
import org.paasmaker.engine.health.InstanceChecks.Finding;
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
import org.paasmaker.engine.store.InMemoryStore;

/**
 * A health round asks a node only about the instances its agent's last report does not vouch for:
 * those it did not list, and those started since it came; a node that never reports (the controller's
 * own) is asked about each. What the nodes answer decides the finding.
 */
class InstanceChecksTest {

    private static final Instant REPORTED = Instant.parse("2030-01-07T12:00:00Z");

    @TempDir
    Path temp;

    private final ExecutorService jobThreads = Executors.newSingleThreadExecutor();
    private final AnsweringNode agent = new AnsweringNode("agent");
    private final AnsweringNode own = new AnsweringNode("own");
    private NodeRegistry nodes;
    private InstanceChecks checks;

    @BeforeEach
    void wire() {
        Clock clock = Clock.systemUTC();
        InMemoryStore store = new InMemoryStore();
        PluginRegistry plugins = PluginRegistry.load(getClass().getClassLoader(), name -> true,
                temp.resolve("plugins"), clock);
        JobManager jobs = new JobManager(temp.resolve("jobs"), clock, jobThreads);
        PackageStore packages = new PackageStore(temp.resolve("packages"));
        nodes = new NodeRegistry(List.of(agent, own));
        InstanceManager instances = new InstanceManager(store, plugins, new VersionManifests(plugins), jobs, nodes,
                packages, Routing.NONE, new InstanceEnvironment(store, Map.of(), Map.of()), new ReleaseStep(store,
                        new CommandSteps(plugins, jobs), packages, new TarGzPacker(), temp.resolve("work"), clock),
                clock);
        checks = new InstanceChecks(instances);
    }

    @AfterEach
    void stop() {
        checks.close();
        jobThreads.shutdownNow();
    }

    @Test
    void onlyWhatTheAgentsLastReportDoesNotVouchForIsAskedOfTheNode() {
        Instance listed = running("agent", REPORTED.minusSeconds(10));
        Instance notListed = running("agent", REPORTED.minusSeconds(10));
        Instance startedSince = running("agent", REPORTED.plusSeconds(1));
        Instance gone = running("agent", REPORTED.minusSeconds(10));
        nodes.reported("agent", new NodeReport(REPORTED, REPORTED, agent.profile(),
                Set.of(listed.id(), startedSince.id(), gone.id())));
        agent.alive.addAll(Set.of(listed.id(), notListed.id(), startedSince.id()));
        agent.answering.add(startedSince.id());

        Map<InstanceId, Finding> findings = checks.check(List.of(listed, notListed, startedSince, gone));

        // The one listed is vouched for, even though its process has since gone: the next report tells.
        assertThat(findings).containsEntry(listed.id(), Finding.HEALTHY).containsEntry(gone.id(), Finding.HEALTHY)
                .containsEntry(notListed.id(), Finding.NOT_ACCEPTING)
                .containsEntry(startedSince.id(), Finding.HEALTHY);
        assertThat(agent.asked).containsOnlyKeys(notListed.id(), startedSince.id());
    }

    @Test
    void aNodeThatNeverReportsIsAskedAboutEachInstanceAndOneThatFailsToAnswerIsLeftOut() {
        Instance healthy = running("own", REPORTED);
        Instance dead = running("own", REPORTED);
        Instance unanswered = running("own", REPORTED);
        own.alive.add(healthy.id());
        own.answering.add(healthy.id());
        own.failing.add(unanswered.id());

        Map<InstanceId, Finding> findings = checks.check(List.of(healthy, dead, unanswered));

        assertThat(findings).containsOnly(Map.entry(healthy.id(), Finding.HEALTHY), Map.entry(dead.id(), Finding.DEAD));
        assertThat(own.asked).containsOnlyKeys(healthy.id(), dead.id(), unanswered.id());
    }

    private static Instance running(String node, Instant startedAt) {
        return Instance.allocated(new VersionId(1), "web", node, startedAt).withPort(40000).running(startedAt);
    }

    /** A node answering from sets the test fills, counting what it is asked about each instance. */
    private static final class AnsweringNode implements Node {

        final Set<InstanceId> alive = ConcurrentHashMap.newKeySet();
        final Set<InstanceId> answering = ConcurrentHashMap.newKeySet();
        final Set<InstanceId> failing = ConcurrentHashMap.newKeySet();
        final Map<InstanceId, Integer> asked = new ConcurrentHashMap<>();
        private final NodeProfile profile;

        AnsweringNode(String name) {
            this.profile = new NodeProfile(name, "127.0.0.1", Map.of(), Map.of(), new PortRange(40000, 40100));
        }

        private void ask(InstanceId instance) {
            asked.merge(instance, 1, Integer::sum);
            if (failing.contains(instance)) {
                throw new IllegalStateException("node " + name() + " does not answer");
            }
        }

        @Override
        public boolean isAlive(InstanceId instance) {
            ask(instance);
            return alive.contains(instance);
        }

        @Override
        public boolean probe(InstanceId instance, int port) {
            ask(instance);
            return answering.contains(instance);
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
        public OptionalInt exitStatus(InstanceId instance) {
            return OptionalInt.empty();
        }

        @Override
        public Set<InstanceId> running() {
            return Set.copyOf(alive);
        }

        @Override
        public void maintain() {
        }

        @Override
        public OptionalInt register(InstanceId instance, String packageChecksum, boolean needsPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(InstanceId instance, InstanceStart start, StepContext step) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restart(InstanceId instance, InstanceStart start, StepContext step) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop(InstanceId instance, Duration grace) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(InstanceId instance) {
            throw new UnsupportedOperationException();
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
        }
    }
}
