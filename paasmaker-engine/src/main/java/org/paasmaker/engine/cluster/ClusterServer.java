package org.paasmaker.engine.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.engine.internal.DaemonThreads;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.node.NodeReport;
import org.paasmaker.engine.packages.PackageStore;

/**
 * The controller's endpoint for the machines of its cluster: node agents register there, report their
 * whole state, and fetch packages by checksum; other parts mount their own paths beside them. Every
 * call must carry the node token.
 *
 * <ul>
 * <li>{@code POST /cluster/v1/nodes}: an agent registers ({@link ClusterWire.Registration}); one that
 * registers again replaces its entry.</li>
 * <li>{@code PUT /cluster/v1/nodes/{name}/report}: its whole state ({@link ClusterWire.Report}); a name
 * this controller does not know gets a 404 telling the agent to register again.</li>
 * <li>{@code GET /cluster/v1/packages/{checksum}}: the package's bytes.</li>
 * </ul>
 */
public final class ClusterServer implements AutoCloseable {

    public static final String PREFIX = "/cluster/v1/";
    private static final String SIDE = "the controller";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpServer server;
    private final ExecutorService executor;
    private final NodeToken token;
    private final NodeRegistry nodes;
    private final PackageStore packages;
    private final Clock clock;
    private final Consumer<String> log;
    private final HttpClient http;

    private ClusterServer(HttpServer server, ExecutorService executor, NodeToken token, NodeRegistry nodes,
            PackageStore packages, Clock clock, Consumer<String> log) {
        this.server = server;
        this.executor = executor;
        this.token = token;
        this.nodes = nodes;
        this.packages = packages;
        this.clock = clock;
        this.log = log;
        // HTTP/1.1 alone: the agents serve nothing else, so no request needs to offer an upgrade.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * Listens on {@code address} and {@code port} (0 for any free one) for agents that carry {@code token}.
     *
     * @param log where registrations and refusals are told, for the operator
     */
    public static ClusterServer start(String address, int port, NodeToken token, NodeRegistry nodes,
            PackageStore packages, Clock clock, Consumer<String> log) {
        HttpServer server;
        try {
            server = Exchanges.server(new InetSocketAddress(address, port), 64);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the cluster endpoint cannot listen on " + address + ":"
                    + port + " (" + e.getMessage() + "); free the port or set PAASMAKER_CLUSTER_PORT", e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(DaemonThreads.named("paasmaker-cluster-"));
        server.setExecutor(executor);
        ClusterServer cluster = new ClusterServer(server, executor, token, nodes, packages, clock, log);
        server.createContext(PREFIX + "nodes", Exchanges.guarded(token, SIDE, cluster::nodes));
        server.createContext(PREFIX + "packages/", Exchanges.guarded(token, SIDE, cluster::packageBytes));
        server.start();
        return cluster;
    }

    /**
     * Serves {@code handler} at {@code path} (and below it) behind the same node token check, such as a
     * routers' feed at {@code /cluster/v1/routes}.
     */
    public void mount(String path, HttpHandler handler) {
        server.createContext(path, Exchanges.guarded(token, SIDE, handler::handle));
    }

    /** The port it listens on (the one chosen when it was asked for any). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String address() {
        return server.getAddress().getHostString();
    }

    private void nodes(HttpExchange exchange) throws IOException {
        List<String> path = Exchanges.segments(exchange, PREFIX + "nodes");
        String method = exchange.getRequestMethod();
        if (path.isEmpty() && method.equals("POST")) {
            register(ClusterWire.read(exchange.getRequestBody(), ClusterWire.Registration.class));
            Exchanges.noContent(exchange);
        } else if (path.size() == 3 && path.get(0).isEmpty() && path.get(2).equals("report") && method.equals("PUT")) {
            report(path.get(1), ClusterWire.read(exchange.getRequestBody(), ClusterWire.Report.class));
            Exchanges.noContent(exchange);
        } else {
            throw Exchanges.notFound(exchange);
        }
    }

    private void register(ClusterWire.Registration registration) {
        String name = registration.name();
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "a node's name is lowercase letters, digits and"
                    + " dashes; '" + name + "' is not");
        }
        if (registration.profile() == null || !name.equals(registration.profile().name())) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "node " + name + " registered without its profile,"
                    + " or with the profile of another node");
        }
        URI url = agentUrl(name, registration.url());
        if (nodes.knows(name) && !(nodes.node(name) instanceof HttpNode)) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "the node name '" + name + "' is taken by a node of the"
                    + " controller's own machine; start the agent with another --name");
        }
        nodes.addOrReplace(new HttpNode(registration.profile(), url, token, http), clock.instant());
        log.accept("Node agent " + name + " registered from " + url + ", its instances at "
                + registration.profile().address());
    }

    private static URI agentUrl(String name, String text) {
        try {
            URI url = URI.create(text == null ? "" : text);
            if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
                throw new IllegalArgumentException("not http://HOST:PORT");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "node " + name + " gave '" + text
                    + "' as the URL of its node verbs; it must be http://HOST:PORT", e);
        }
    }

    private void report(String name, ClusterWire.Report report) {
        if (!nodes.knows(name) || !(nodes.node(name) instanceof HttpNode)) {
            throw new PaasmakerException(ErrorCode.NOT_FOUND, "node " + name + " is not registered with this"
                    + " controller; register again");
        }
        Instant sent;
        try {
            sent = Instant.parse(String.valueOf(report.time()));
        } catch (DateTimeParseException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "node " + name + " reported the time '"
                    + report.time() + "', which is not an ISO-8601 instant", e);
        }
        Set<InstanceId> running = new HashSet<>();
        (report.running() == null ? List.<String>of() : report.running()).forEach(id -> running.add(new InstanceId(id)));
        nodes.reported(name, new NodeReport(clock.instant(), sent,
                report.profile() == null ? nodes.profile(name) : report.profile(), running));
    }

    private void packageBytes(HttpExchange exchange) throws IOException {
        List<String> path = Exchanges.segments(exchange, PREFIX + "packages/");
        if (path.size() != 1 || !exchange.getRequestMethod().equals("GET")) {
            throw Exchanges.notFound(exchange);
        }
        Path file = packages.locate(path.get(0));
        exchange.getResponseHeaders().set("Content-Type", "application/gzip");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    /** Stops listening; the agents keep their instances, and register again with the next controller. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
