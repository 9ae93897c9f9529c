package org.paasmaker.engine.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.paasmaker.api.rest.Problem;
import org.paasmaker.engine.cluster.ClusterServer;
import org.paasmaker.engine.cluster.ClusterWire;
import org.paasmaker.engine.cluster.NodeToken;

/**
 * The agent's side of its bond with the controller: it registers, then reports its whole state every
 * interval and whenever something changed. A controller that is away is tried again every interval
 * (the instances run on meanwhile); one that forgot the agent (its own restart) is registered with
 * again. Only one round runs at a time, on the scheduler's thread.
 */
final class ControllerLink {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI controller;
    private final NodeToken token;
    private final HttpClient http;
    private final Node node;
    private final NodeProfile profile;
    private final URI verbsUrl;
    private final Clock clock;
    private final Consumer<String> log;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean reportPending = new AtomicBoolean();
    private volatile boolean registered;
    /** The last trouble told, so that a controller away for an hour is not told every few seconds. */
    private String lastTrouble = "";

    ControllerLink(URI controller, NodeToken token, HttpClient http, Node node, NodeProfile profile, URI verbsUrl,
            Clock clock, Consumer<String> log, ScheduledExecutorService scheduler) {
        this.controller = controller;
        this.token = token;
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
            trouble("Cannot register with the controller at " + controller + " (" + e.getMessage()
                    + "); trying again every round, the instances run on meanwhile");
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

    boolean registered() {
        return registered;
    }

    private void round() {
        reportPending.set(false);
        if (Thread.currentThread().isInterrupted()) {
            return; // the agent is closing
        }
        try {
            node.maintain();
        } catch (RuntimeException e) {
            log.accept("Upkeep of the instances' logs failed: " + e.getMessage());
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
            if (e.code() == ErrorCode.ABORTED) {
                return; // the agent is closing
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
            trouble("Reporting failed: " + e);
        }
    }

    private void register() {
        send(HttpRequest.newBuilder(controller.resolve(ClusterServer.PREFIX + "nodes")).POST(body(
                new ClusterWire.Registration(profile.name(), verbsUrl.toString(), profile))));
        registered = true;
        log.accept("Registered with the controller at " + controller + " as node " + profile.name()
                + ", serving the node verbs at " + verbsUrl);
    }

    private void report() {
        var running = node.running().stream().map(InstanceId::value).sorted().toList();
        send(HttpRequest.newBuilder(controller.resolve(ClusterServer.PREFIX + "nodes/" + profile.name() + "/report"))
                .PUT(body(new ClusterWire.Report(profile, running, clock.instant().toString()))));
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        return HttpRequest.BodyPublishers.ofByteArray(ClusterWire.write(value));
    }

    private void send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", token.header())
                    .header("Content-Type", "application/json").timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "it cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            Problem problem = null;
            try {
                problem = ClusterWire.read(new java.io.ByteArrayInputStream(response.body().getBytes(
                        StandardCharsets.UTF_8)), Problem.class);
            } catch (PaasmakerException notAProblem) {
                // Said below.
            }
            if (problem != null && problem.type() != null) {
                throw ClusterWire.exception(problem);
            }
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "it answered " + response.statusCode()
                    + ", which is not a Paasmaker controller's answer");
        }
    }

    private void trouble(String message) {
        if (!Objects.equals(message, lastTrouble)) {
            log.accept(message);
            lastTrouble = message;
        }
    }
}
