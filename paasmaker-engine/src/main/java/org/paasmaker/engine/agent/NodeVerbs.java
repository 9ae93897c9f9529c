package org.paasmaker.engine.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.engine.cluster.ClusterWire;
import org.paasmaker.engine.cluster.Exchanges;
import org.paasmaker.engine.cluster.HttpNode;

/**
 * The node verbs as the agent serves them to the controller's {@link HttpNode}: each call is one verb
 * of the node on this machine, and a start streams its output as it comes. The paths mirror
 * {@link HttpNode}'s calls.
 */
final class NodeVerbs implements Exchanges.Handler {

    private final Node node;
    private final PackageFetcher packages;
    /** Told after each verb that may have changed what runs here, so that the controller hears it at once. */
    private final Runnable changed;
    /** The instances whose start the controller asked to abort. */
    private final Set<String> aborted = ConcurrentHashMap.newKeySet();

    NodeVerbs(Node node, PackageFetcher packages, Runnable changed) {
        this.node = node;
        this.packages = packages;
        this.changed = changed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        List<String> path = Exchanges.segments(exchange, HttpNode.PATH);
        String method = exchange.getRequestMethod();
        Map<String, String> query = query(exchange);
        if (path.equals(List.of("instances")) && method.equals("GET")) {
            Exchanges.json(exchange, 200, new ClusterWire.Running(node.running().stream().map(InstanceId::value)
                    .sorted().toList()));
            return;
        }
        if (path.equals(List.of("maintain")) && method.equals("POST")) {
            node.maintain();
            Exchanges.noContent(exchange);
            return;
        }
        if (path.size() < 2 || !path.get(0).equals("instances")) {
            throw Exchanges.notFound(exchange);
        }
        InstanceId instance = new InstanceId(path.get(1));
        String verb = String.join("/", path.subList(2, path.size()));
        switch (method + " " + verb) {
            case "DELETE " -> {
                node.deregister(instance);
                changed.run();
                Exchanges.noContent(exchange);
            }
            case "POST register" -> {
                ClusterWire.Registering registering = ClusterWire.read(exchange.getRequestBody(),
                        ClusterWire.Registering.class);
                packages.ensure(registering.checksum());
                Exchanges.json(exchange, 200, ClusterWire.OptionalNumber.of(node.register(instance,
                        registering.checksum(), registering.needsPort())));
            }
            case "POST start", "POST restart" -> launch(exchange, instance, verb.equals("start"));
            case "POST abort" -> {
                aborted.add(instance.value());
                Exchanges.noContent(exchange);
            }
            case "POST stop" -> {
                node.stop(instance, Duration.ofMillis(number(query, "grace")));
                changed.run();
                Exchanges.noContent(exchange);
            }
            case "POST release" -> {
                node.release(instance);
                changed.run();
                Exchanges.noContent(exchange);
            }
            case "GET probe" -> Exchanges.json(exchange, 200,
                    new ClusterWire.Flag(node.probe(instance, (int) number(query, "port"))));
            case "GET alive" -> Exchanges.json(exchange, 200, new ClusterWire.Flag(node.isAlive(instance)));
            case "GET exit-status" -> Exchanges.json(exchange, 200,
                    ClusterWire.OptionalNumber.of(node.exitStatus(instance)));
            case "GET log/tail" -> Exchanges.json(exchange, 200,
                    new ClusterWire.Lines(node.logTail(instance, (int) number(query, "lines")), 0));
            case "GET log/last" -> {
                Node.LogLines lines = node.logLast(instance, (int) number(query, "lines"));
                Exchanges.json(exchange, 200, new ClusterWire.Lines(lines.text(), lines.next()));
            }
            case "GET log/after" -> {
                Node.LogLines lines = node.logAfter(instance, number(query, "offset"), (int) number(query, "max"));
                Exchanges.json(exchange, 200, new ClusterWire.Lines(lines.text(), lines.next()));
            }
            default -> throw Exchanges.notFound(exchange);
        }
    }

    /**
     * Starts the instance, its output streamed to the controller line by line as JSON events, the last
     * saying whether it came up. Once the answer has begun, a failure can only be told as such an event.
     */
    private void launch(HttpExchange exchange, InstanceId instance, boolean fresh) throws IOException {
        ClusterWire.Start start = ClusterWire.read(exchange.getRequestBody(), ClusterWire.Start.class);
        aborted.remove(instance.value());
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            StreamedStep step = new StreamedStep(out, () -> aborted.contains(instance.value()));
            ClusterWire.StartEvent end;
            try {
                if (fresh) {
                    node.start(instance, start.instanceStart(), step);
                } else {
                    node.restart(instance, start.instanceStart(), step);
                }
                end = new ClusterWire.StartEvent(null, true, null);
            } catch (PaasmakerException e) {
                end = new ClusterWire.StartEvent(null, null, ClusterWire.problem(e));
            } catch (RuntimeException e) {
                end = new ClusterWire.StartEvent(null, null, ClusterWire.problem(
                        new PaasmakerException(ErrorCode.INTERNAL, String.valueOf(e.getMessage()), e)));
            } finally {
                aborted.remove(instance.value());
                changed.run();
            }
            step.send(end);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static long number(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || !value.matches("\\d{1,18}")) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the parameter '" + name + "' must be a whole"
                    + " number, not '" + value + "'");
        }
        return Long.parseLong(value);
    }

    /**
     * The controller's job step as the agent sees it: each line goes out as it comes, and the job counts
     * as aborted once the controller said so. A controller that went away mid-start misses the rest of
     * the output; the start goes on.
     */
    private static final class StreamedStep implements StepContext {
        private final OutputStream out;
        private final java.util.function.BooleanSupplier abortRequested;
        private boolean broken;

        StreamedStep(OutputStream out, java.util.function.BooleanSupplier abortRequested) {
            this.out = out;
            this.abortRequested = abortRequested;
        }

        @Override
        public void log(String line) {
            send(new ClusterWire.StartEvent(line, null, null));
        }

        synchronized void send(ClusterWire.StartEvent event) {
            if (broken) {
                return;
            }
            try {
                out.write(ClusterWire.write(event));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                broken = true;
            }
        }

        @Override
        public void checkAborted() {
            if (abortRequested.getAsBoolean()) {
                throw new PaasmakerException(ErrorCode.ABORTED, "the job was aborted");
            }
        }

        @Override
        public Path workingDirectory() {
            return Path.of("/");
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public int run(List<String> command) {
            throw new UnsupportedOperationException("the node runs its commands itself");
        }

        @Override
        public StepContext with(Path directory, Map<String, String> environment) {
            return this;
        }
    }
}
