package org.paasmaker.engine.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.rest.Problem;

/**
 * A node on another machine, as the controller reaches it: every verb is a call to the node agent
 * there, with the node token. A failure on the agent comes back as the same error; an agent that
 * cannot be reached is {@code UNAVAILABLE}, naming the node and its URL.
 */
public final class HttpNode implements Node {

    /** Where the agent serves the node verbs, under its URL. */
    public static final String PATH = "/node/v1/";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /**
     * For the health checks' questions, asked every round: an agent that does not answer them at once
     * (stopped, or its machine gone) must not hold the round up while the node watch judges it.
     */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    /** How often a start in progress asks whether its job was aborted. */
    private static final long ABORT_POLL_MILLIS = 200;

    private final NodeProfile profile;
    private final URI url;
    private final URI base;
    private final NodeToken token;
    private final HttpClient http;

    /**
     * @param url where the agent serves, such as {@code http://10.0.0.5:8092}
     */
    public HttpNode(NodeProfile profile, URI url, NodeToken token, HttpClient http) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.url = Objects.requireNonNull(url, "url");
        this.base = url.resolve(PATH);
        this.token = Objects.requireNonNull(token, "token");
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public String name() {
        return profile.name();
    }

    /** The profile the agent registered with; it registers again when it changes. */
    @Override
    public NodeProfile profile() {
        return profile;
    }

    /** Where the agent serves. */
    public URI url() {
        return url;
    }

    @Override
    public boolean probe(InstanceId instance, int port) {
        return call(check(instance, "probe?port=" + port), ClusterWire.Flag.class).value();
    }

    @Override
    public OptionalInt register(InstanceId instance, String packageChecksum, boolean needsPort) {
        return call(post(instance, "register", new ClusterWire.Registering(packageChecksum, needsPort)),
                ClusterWire.OptionalNumber.class).optional();
    }

    @Override
    public void start(InstanceId instance, InstanceStart start, StepContext step) {
        launch(instance, "start", start, step);
    }

    @Override
    public void restart(InstanceId instance, InstanceStart start, StepContext step) {
        launch(instance, "restart", start, step);
    }

    /**
     * Streams the agent's start: each line of output goes into the step as the agent produces it, and
     * while it runs the step is asked whether its job was aborted, which the agent is then told.
     */
    private void launch(InstanceId instance, String verb, InstanceStart start, StepContext step) {
        step.checkAborted();
        HttpRequest request = request(instance, verb).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ClusterWire.write(ClusterWire.Start.of(start)))).build();
        HttpResponse<Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines());
        Thread watcher = new Thread(() -> watchAbort(instance, step), "paasmaker-abort-watch-" + instance.value());
        watcher.setDaemon(true);
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(response.statusCode(), String.join("\n", (Iterable<String>) lines::iterator));
            }
            watcher.start();
            Iterator<String> events = lines.iterator();
            while (events.hasNext()) {
                String line = events.next();
                if (line.isBlank()) {
                    continue;
                }
                ClusterWire.StartEvent event = ClusterWire.read(line, ClusterWire.StartEvent.class);
                if (event.log() != null) {
                    step.log(event.log());
                }
                if (event.failure() != null) {
                    throw ClusterWire.exception(event.failure());
                }
                if (Boolean.TRUE.equals(event.done())) {
                    return;
                }
            }
            throw unreachable(new IOException("the answer ended before the start did"));
        } catch (java.io.UncheckedIOException e) {
            throw unreachable(e.getCause());
        } finally {
            watcher.interrupt();
        }
    }

    private void watchAbort(InstanceId instance, StepContext step) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    step.checkAborted();
                } catch (PaasmakerException aborted) {
                    call(post(instance, "abort", null), Void.class);
                    return;
                }
                Thread.sleep(ABORT_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            // The start ended.
        } catch (PaasmakerException e) {
            // The agent did not hear it; the start's own answer says how it ended.
        }
    }

    @Override
    public OptionalInt exitStatus(InstanceId instance) {
        return call(check(instance, "exit-status"), ClusterWire.OptionalNumber.class).optional();
    }

    @Override
    public void stop(InstanceId instance, Duration grace) {
        call(request(instance, "stop?grace=" + grace.toMillis()).timeout(CALL_TIMEOUT.plus(grace))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), Void.class);
    }

    @Override
    public void release(InstanceId instance) {
        call(post(instance, "release", null), Void.class);
    }

    @Override
    public boolean isAlive(InstanceId instance) {
        return call(check(instance, "alive"), ClusterWire.Flag.class).value();
    }

    @Override
    public String logTail(InstanceId instance, int lines) {
        return call(get(instance, "log/tail?lines=" + lines), ClusterWire.Lines.class).text();
    }

    @Override
    public LogLines logLast(InstanceId instance, int lines) {
        ClusterWire.Lines answer = call(get(instance, "log/last?lines=" + lines), ClusterWire.Lines.class);
        return new LogLines(answer.text(), answer.next());
    }

    @Override
    public LogLines logAfter(InstanceId instance, long offset, int maxBytes) {
        ClusterWire.Lines answer = call(get(instance, "log/after?offset=" + offset + "&max=" + maxBytes),
                ClusterWire.Lines.class);
        return new LogLines(answer.text(), answer.next());
    }

    @Override
    public Set<InstanceId> running() {
        ClusterWire.Running answer = call(HttpRequest.newBuilder(base.resolve("instances")).timeout(CALL_TIMEOUT)
                .header("Authorization", token.header()).GET().build(), ClusterWire.Running.class);
        Set<InstanceId> running = new HashSet<>();
        answer.instances().forEach(id -> running.add(new InstanceId(id)));
        return running;
    }

    @Override
    public void maintain() {
        call(HttpRequest.newBuilder(base.resolve("maintain")).timeout(CALL_TIMEOUT)
                .header("Authorization", token.header()).POST(HttpRequest.BodyPublishers.noBody()).build(), Void.class);
    }

    @Override
    public void deregister(InstanceId instance) {
        call(HttpRequest.newBuilder(base.resolve("instances/" + instance.value())).timeout(CALL_TIMEOUT)
                .header("Authorization", token.header()).DELETE().build(), Void.class);
    }

    private HttpRequest.Builder request(InstanceId instance, String verb) {
        return HttpRequest.newBuilder(base.resolve("instances/" + instance.value() + "/" + verb))
                .header("Authorization", token.header());
    }

    private HttpRequest check(InstanceId instance, String verb) {
        return request(instance, verb).timeout(CHECK_TIMEOUT).GET().build();
    }

    private HttpRequest get(InstanceId instance, String verb) {
        return request(instance, verb).timeout(CALL_TIMEOUT).GET().build();
    }

    private HttpRequest post(InstanceId instance, String verb, Object body) {
        return request(instance, verb).timeout(CALL_TIMEOUT).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(ClusterWire.write(body))).build();
    }

    private <T> T call(HttpRequest request, Class<T> answer) {
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (answer == Void.class) {
                body.readAllBytes();
                return null;
            }
            return ClusterWire.read(body, answer);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted while calling node " + name(), e);
        }
    }

    /** The agent's problem as the same error; an answer that is no problem says what came instead. */
    private PaasmakerException failure(int status, String body) {
        try {
            Problem problem = ClusterWire.read(body, Problem.class);
            if (problem.type() != null) {
                return ClusterWire.exception(problem);
            }
        } catch (PaasmakerException notAProblem) {
            // Not the agent's answer: said below.
        }
        return new PaasmakerException(ErrorCode.UNAVAILABLE, "node " + name() + " at " + url() + " answered "
                + status + " with something other than a node agent's answer: " + abbreviated(body));
    }

    private PaasmakerException unreachable(Throwable cause) {
        return new PaasmakerException(ErrorCode.UNAVAILABLE, "node " + name() + " cannot be reached at " + url()
                + ": " + cause, cause);
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
