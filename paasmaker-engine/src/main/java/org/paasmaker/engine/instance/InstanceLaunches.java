package org.paasmaker.engine.instance;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.manifest.InstanceTypeSpec;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.environment.InstanceEnvironment;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.store.StoredRecords;

/**
 * Starts one instance on a node: where placement puts a new one, or in place on its own node after its
 * process ended. Each is given the environment of the node it runs on.
 */
final class InstanceLaunches {

    private final Store store;
    private final NodeRegistry nodes;
    private final InstancePlacement placement;
    private final InstanceEnvironment environments;
    private final Routing routing;
    private final Clock clock;
    private final BiFunction<Instance, String, Instance> fail;

    InstanceLaunches(Store store, NodeRegistry nodes, InstancePlacement placement, InstanceEnvironment environments,
            Routing routing, Clock clock, BiFunction<Instance, String, Instance> fail) {
        this.store = store;
        this.nodes = nodes;
        this.placement = placement;
        this.environments = environments;
        this.routing = routing;
        this.clock = clock;
        this.fail = fail;
    }

    /**
     * Places a new instance of the type, registers it on its node (a fresh copy of the code and a port)
     * and starts it there, recording each state; a failure fails the instance and is thrown.
     */
    void start(
            ApplicationVersion version, Application application, Manifest manifest, InstanceTypeSpec type,
            StepContext step) {
        Node node = placement.choose(version, type, "a " + type.name() + " instance of version " + version.number());
        Instance instance = store.instances().create(Instance.allocated(version.id(), type.name(), node.name(),
                clock.instant()));
        String label = type.name() + " instance " + instance.id();
        try {
            OptionalInt port = node.register(instance.id(), version.packageChecksum().orElseThrow(), !type.standalone());
            // Only from ALLOCATED: an instance another writer ended meanwhile (the node watch, its node gone
            // silent) stays ended rather than coming back to life on a port its node may have given away.
            instance = require(InstanceState.REGISTERED, "while it was registered", label,
                    StoredRecords.change(store, instance.id(), stored -> stored.state() != InstanceState.ALLOCATED
                            ? stored
                            : (port.isPresent() ? stored.withPort(port.getAsInt()) : stored)
                                    .withState(InstanceState.REGISTERED, "")));
            StoredRecords.change(store, version.id(), stored -> stored.state() == VersionState.PREPARED
                    ? stored.withState(VersionState.READY) : stored);
            step.log("Registered " + label + " on node " + node.name()
                    + (port.isPresent() ? ", port " + port.getAsInt() : ", standalone"));
            instance = require(InstanceState.STARTING, "before its process started", label,
                    StoredRecords.change(store, instance.id(), stored -> stored.state() == InstanceState.REGISTERED
                            ? stored.withState(InstanceState.STARTING, "") : stored));
            node.start(instance.id(), new InstanceStart(label, type.runtime(), type.startup(), port,
                    environment(version, application, manifest, port, node)), step);
            require(InstanceState.RUNNING, "while its process started", label,
                    StoredRecords.change(store, instance.id(), stored -> runningIfStarting(stored, "")));
            routing.changed();
            step.log("Started " + label);
        } catch (RuntimeException e) {
            fail.apply(store.instances().get(instance.id()), e.getMessage());
            throw e;
        }
    }

    /**
     * Starts an instance whose process ended again in place on its node; RUNNING after, with the reason
     * kept. A failure fails the instance, so that a new one replaces it, and is thrown.
     */
    void restart(Instance instance, ApplicationVersion version, Application application, Manifest manifest,
            InstanceTypeSpec type, String why, StepContext context) {
        String label = instance.instanceType() + " instance " + instance.id();
        try {
            Node node = nodes.node(instance.node());
            node.restart(instance.id(), new InstanceStart(label, type.runtime(), type.startup(), instance.port(),
                    environment(version, application, manifest, instance.port(), node)), context);
            // The reason stays: that it was restarted in place, and why, is worth seeing.
            require(InstanceState.RUNNING, "while its process started", label,
                    StoredRecords.change(store, instance.id(), stored -> runningIfStarting(stored, why)));
            routing.changed();
        } catch (RuntimeException e) {
            fail.apply(store.instances().get(instance.id()), "it could not be restarted in place: " + e.getMessage()
                    + "; a new instance replaces it");
            throw e;
        }
    }

    /**
     * An instance's environment: PM_METADATA (its {@code node} the tags of the node it runs on), PM_SERVICES
     * (the services this version's manifest names) and, unless standalone, PM_PORT.
     */
    private Map<String, String> environment(
            ApplicationVersion version, Application application, Manifest manifest, OptionalInt port, Node node) {
        return environments.of(version, application, manifest, port, nodes.profile(node.name()).tags());
    }

    /**
     * The instance RUNNING for the reason given, now that its process started; unchanged when it is no longer
     * STARTING: another writer (a stop, the health round, a controller that took over) ended it meanwhile.
     */
    private Instance runningIfStarting(Instance stored, String why) {
        return stored.state() == InstanceState.STARTING
                ? stored.running(clock.instant()).withState(InstanceState.RUNNING, why) : stored;
    }

    /**
     * The instance as stored, when the start moved it on to {@code expected}; otherwise another writer
     * ended it meanwhile, and the start fails. Reported as started, it would leave a RUNNING version with
     * nothing running (a make-current then refused), and its process running with no record to count
     * it. The failure releases the instance on its node, which stops that process.
     */
    private static Instance require(InstanceState expected, String when, String label, Instance stored) {
        if (stored.state() != expected) {
            throw new PaasmakerException(ErrorCode.START_FAILED, label + " became " + stored.state() + " " + when
                    + " (" + stored.reason() + "); it is not counted as started");
        }
        return stored;
    }
}
