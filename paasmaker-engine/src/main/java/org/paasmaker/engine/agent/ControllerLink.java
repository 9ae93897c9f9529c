package org.paasmaker.engine.agent;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.engine.cluster.ClusterWire;

/**
 * The agent's side of its bond with one controller: it registers, then reports its whole state every
 * interval and whenever something changed. An agent serving several controllers has one link to each,
 * each on a thread of its own, and each says its controller's trouble once and its return once. A
 * controller that is away is tried again every interval (the instances run on meanwhile); one that
 * forgot the agent (its own restart) is registered with again. Only one round runs at a time, on the
 * scheduler's thread.
 */
final class ControllerLink {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI controller;
    private final ControllerHttp http;
    private final Node node;
    private final NodeProfile profile;
    private final URI verbsUrl;
    private final Clock clock;
    private final Consumer<String> log;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean reportPending = new AtomicBoolean();
    private volatile boolean registered;
    private volatile boolean stopped;
    /** The last trouble told, so that a controller away for an hour is not told every few seconds. */
    private volatile String lastTrouble = "";

    ControllerLink(ControllerHttp http, Node node, NodeProfile profile, URI verbsUrl,
            Clock clock, Consumer<String> log, ScheduledExecutorService scheduler) {
        this.controller = http.controller();
        this.http = http;
        this.node = node;
        this.profile = profile;
        this.verbsUrl = verbsUrl;
        this.clock = clock;
        this.log = log;
        this.scheduler = scheduler;
    }

    /**
     * Registers now: a controller that refuses the node token ends the agent's start with its reason;
     * one that cannot be reached is tried again by the rounds.
     */
    void registerFirst() {
        try {
            register();
        } catch (PaasmakerException e) {
            if (e.code() == ErrorCode.UNAUTHORIZED) {
                log.accept("The controller at " + controller + " refused this agent: " + e.getMessage());
                throw e;
            }
            trouble("Cannot register with the controller at " + controller + ": " + e.getMessage()
                    + "; trying again every round, the instances run on meanwhile");
        }
    }

    /** Reports every {@code interval}, registering first whenever the agent is not registered. */
    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Something changed here: the controller hears the whole state at once, not at the next round. */
    void changed() {
        if (reportPending.compareAndSet(false, true)) {
            scheduler.execute(this::round);
        }
    }

    /** No more rounds: the agent is closing. */
    void stop() {
        stopped = true;
    }

    boolean registered() {
        return registered;
    }

    URI controller() {
        return controller;
    }

    /** Whether the controller answered the last call: registered, and no trouble since. */
    boolean answering() {
        return registered && lastTrouble.isEmpty();
    }

    private void round() {
        reportPending.set(false);
        if (stopped) {
            return;
        }
        try {
            if (!registered) {
                register();
            }
            report();
            if (!lastTrouble.isEmpty()) {
                log.accept("The controller at " + controller + " hears this agent again");
                lastTrouble = "";
            }
        } catch (PaasmakerException e) {
            if (stopped) {
                return; // the agent closing cut the call short
            }
            if (e.code() == ErrorCode.NOT_FOUND) {
                registered = false;
                trouble("The controller at " + controller + " does not know this node (" + e.getMessage()
                        + "); registering again");
                changed();
            } else {
                trouble("Cannot report to the controller at " + controller + ": " + e.getMessage()
                        + "; trying again every round, the instances run on meanwhile");
            }
        } catch (RuntimeException e) {
            trouble("Reporting to the controller at " + controller + " failed: " + e);
        }
    }

    private void register() {
        http.send("POST", "nodes", new ClusterWire.Registration(profile.name(), verbsUrl.toString(), profile), TIMEOUT);
        registered = true;
        log.accept("Registered with the controller at " + controller + " as node " + profile.name()
                + ", serving the node verbs at " + verbsUrl);
    }

    private void report() {
        var running = node.running().stream().map(InstanceId::value).sorted().toList();
        http.send("PUT", "nodes/" + profile.name() + "/report",
                new ClusterWire.Report(profile, running, clock.instant().toString()), TIMEOUT);
    }

    private void trouble(String message) {
        if (!Objects.equals(message, lastTrouble)) {
            log.accept(message);
            lastTrouble = message;
        }
    }
}
