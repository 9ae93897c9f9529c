package org.paasmaker.engine.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.engine.internal.DaemonThreads;

/**
 * How a health round's running instances are, found at the start of the round for all of them at once.
 *
 * <p>An instance whose node's agent listed it as running in a report received since it started is
 * taken as alive without asking: the agent watches its processes and reports every few seconds, and a
 * request to each agent for each of 20,000 instances every round would cost far more than the round's
 * store questions. Its port is not probed: the agent's report says its process lives, not that it
 * answers. The others (the controller's own machine's, which no report covers, and those started
 * since their agent's last report) are asked of their nodes, {@value #PARALLEL} at a time, so that
 * many instances on the controller's machine, or a slow node, do not add up one connect after the other.
 */
final class InstanceChecks implements AutoCloseable {

    /** How an instance was found. */
    enum Finding { HEALTHY, NOT_ACCEPTING, DEAD }

    static final int PARALLEL = 8;
    private static final System.Logger LOG = System.getLogger(InstanceChecks.class.getName());

    private final InstanceManager instances;
    private final ExecutorService checks = Executors.newFixedThreadPool(PARALLEL,
            DaemonThreads.named("paasmaker-health-probe-"));

    InstanceChecks(InstanceManager instances) {
        this.instances = instances;
    }

    /**
     * The findings for these RUNNING instances on reachable nodes; an instance whose node could not be
     * asked is left out, to be judged in a later round.
     */
    Map<InstanceId, Finding> check(List<Instance> running) {
        Map<InstanceId, Finding> findings = new HashMap<>();
        List<Instance> asked = new ArrayList<>();
        List<Future<Finding>> answers = new ArrayList<>();
        for (Instance instance : running) {
            if (instances.reportedRunning(instance)) {
                findings.put(instance.id(), Finding.HEALTHY);
            } else {
                asked.add(instance);
                answers.add(checks.submit(ask(instance)));
            }
        }
        for (int i = 0; i < asked.size(); i++) {
            Instance instance = asked.get(i);
            try {
                findings.put(instance.id(), answers.get(i).get());
            } catch (ExecutionException e) {
                // A node that cannot be reached right now must not keep the other instances from their checks.
                LOG.log(System.Logger.Level.WARNING, "health check of instance " + instance.id() + " on node "
                        + instance.node() + " failed: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answers.forEach(answer -> answer.cancel(true));
                return findings;
            }
        }
        return findings;
    }

    private Callable<Finding> ask(Instance instance) {
        return () -> {
            if (!instances.isAlive(instance)) {
                return Finding.DEAD;
            }
            return instances.isHealthy(instance) ? Finding.HEALTHY : Finding.NOT_ACCEPTING;
        };
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
