package org.paasmaker.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.rest.DiskJson;
import org.paasmaker.api.rest.HealthJson;
import org.paasmaker.api.rest.IssuedApiKeyJson;
import org.paasmaker.api.rest.LoginRequest;
import org.paasmaker.api.rest.NodeJson;
import org.paasmaker.api.rest.PluginJson;
import org.paasmaker.api.rest.RuntimeJson;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;

/**
 * The Java SDK of Paasmaker's REST API v1: one accessor per resource, one method per call, the api's
 * records in and out, and every failure a {@link PaasmakerClientException}.
 *
 * <pre>{@code
 * try (PaasmakerClient client = PaasmakerClient.connect(URI.create("http://localhost:9080"), token)) {
 *     VersionAccepted accepted = client.versions().create("dev", VersionSource.directory(Path.of("hello")));
 *     JobJson prepared = client.jobs().await(accepted.jobId(), Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>A client is safe to share between threads. It holds threads of its own (daemon threads, for the
 * HTTP connections, uploads and followed event streams): close it when done, which also closes every
 * {@link JobEvents} and {@link LogFollow} still open.
 */
public final class PaasmakerClient implements AutoCloseable {

    private final Transport transport;
    private final ExecutorService executor;
    private final Follows follows = new Follows();
    private final Workspaces workspaces;
    private final Users users;
    private final Roles roles;
    private final Applications applications;
    private final Versions versions;
    private final Instances instances;
    private final Jobs jobs;
    private final Services services;
    private final Certificates certificates;

    private PaasmakerClient(Builder builder) {
        this.executor = Executors.newCachedThreadPool(new DaemonThreads());
        this.transport = new Transport(builder.server, builder.token, builder.connectTimeout, builder.requestTimeout,
                builder.reconnect, executor);
        this.workspaces = new Workspaces(transport);
        this.users = new Users(transport);
        this.roles = new Roles(transport);
        this.applications = new Applications(transport);
        this.versions = new Versions(transport);
        this.instances = new Instances(transport, follows);
        this.jobs = new Jobs(transport, follows);
        this.services = new Services(transport);
        this.certificates = new Certificates(transport);
    }

    /**
     * A client of the server at {@code server} (such as {@code http://localhost:9080}; the API's own
     * address, ending in {@code /api/v1}, works too) with the API token. Nothing is sent until a call.
     */
    public static PaasmakerClient connect(URI server, String token) {
        return builder().server(server).token(token).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server as it was given. */
    public URI server() {
        return transport.server();
    }

    /** {@code GET /health}, which needs no token: {@code UP} once the platform answers, with its warnings. */
    public HealthJson health() {
        return transport.getOpen("health", HealthJson.class);
    }

    public Workspaces workspaces() {
        return workspaces;
    }

    public Users users() {
        return users;
    }

    public Roles roles() {
        return roles;
    }

    /**
     * {@code POST /login}, which needs no token: a user's name and password give a new API key named
     * {@code keyName}, its secret shown this once. A wrong password and an unknown user are the same
     * {@code UNAUTHORIZED}.
     */
    public IssuedApiKeyJson login(LoginRequest request) {
        return transport.sendJson("POST", "login", request, IssuedApiKeyJson.class);
    }

    public Applications applications() {
        return applications;
    }

    public Versions versions() {
        return versions;
    }

    public Instances instances() {
        return instances;
    }

    public Jobs jobs() {
        return jobs;
    }

    public Services services() {
        return services;
    }

    /** Certificates served over HTTPS for the applications' hostnames. */
    public Certificates certificates() {
        return certificates;
    }

    /** {@code GET /disk}: what the platform holds on its disk, by kind and by application, and its free space. */
    public DiskJson disk() {
        return transport.getJson("disk", DiskJson.class);
    }

    /** {@code GET /nodes}: the machines instances run on. */
    public List<NodeJson> nodes() {
        return transport.getList("nodes", NodeJson.class);
    }

    /** {@code GET /runtimes}: each runtime plugin with the versions installed. */
    public List<RuntimeJson> runtimes() {
        return transport.getList("runtimes", RuntimeJson.class);
    }

    /** {@code GET /plugins}: every plugin a manifest may name, with its parameters. */
    public List<PluginJson> plugins() {
        return transport.getList("plugins", PluginJson.class);
    }

    /** {@code GET /routes}: the table the router serves. */
    public RoutingTable routes() {
        return transport.getJson("routes", RoutingTable.class);
    }

    /** {@code GET /router/stats}: the router's traffic per application, version and instance. */
    public RouterStatistics routerStatistics() {
        return transport.getJson("router/stats", RouterStatistics.class);
    }

    /** Closes every open follow and stops the client's threads; the client cannot be used afterwards. */
    @Override
    public void close() {
        follows.closeAll();
        executor.shutdownNow();
    }

    /** How to reach the server; only {@link #server} is required. */
    public static final class Builder {

        private URI server;
        private Optional<String> token = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;

        private Builder() {
        }

        /** The server's address, {@code http(s)://host:port} (with the path it is served under, if any). */
        public Builder server(URI server) {
            Objects.requireNonNull(server, "the server's address");
            String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!server.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || server.getHost() == null
                    || server.getRawQuery() != null || server.getRawFragment() != null) {
                throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "'" + server + "' is not a server address;"
                        + " give one such as http://localhost:9080 (PAASMAKER_SERVER or --server)");
            }
            this.server = server;
            return this;
        }

        /** {@link #server(URI)} from text, such as {@code http://localhost:9080}. */
        public Builder server(String server) {
            Objects.requireNonNull(server, "the server's address");
            try {
                return server(new URI(server.strip()));
            } catch (java.net.URISyntaxException e) {
                throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "'" + server + "' is not a server address"
                        + " (" + e.getReason() + "); give one such as http://localhost:9080 (PAASMAKER_SERVER or --server)");
            }
        }

        /** The API token, sent as {@code Authorization: Bearer <token>}; null or blank for none (only health answers then). */
        public Builder token(String token) {
            this.token = token == null || token.isBlank() ? Optional.empty() : Optional.of(token.strip());
            return this;
        }

        /** How long to wait for a connection; 10 s unless set. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /**
         * How long to wait for an answer's head, uploads and followed events aside (they take as long as
         * they take); 60 s unless set.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        /**
         * How a followed event stream reconnects after its connection dropped: up to {@code attempts}
         * tries in a row, the first after {@code firstDelay}, each next after twice as long (at most 10 s);
         * 5 tries from 250 ms unless set. 0 attempts gives up at the first drop.
         */
        public Builder reconnect(int attempts, Duration firstDelay) {
            Objects.requireNonNull(firstDelay, "the delay before reconnecting");
            this.reconnect = new ReconnectPolicy(attempts, firstDelay);
            return this;
        }

        public PaasmakerClient build() {
            if (server == null) {
                throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "no server was given; give its address,"
                        + " such as http://localhost:9080, with PAASMAKER_SERVER or --server");
            }
            return new PaasmakerClient(this);
        }

        private static Duration positive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the " + what + " must be positive, not " + duration);
            }
            return duration;
        }
    }

    private static final class DaemonThreads implements ThreadFactory {

        private static final AtomicInteger CLIENTS = new AtomicInteger();
        private final int client = CLIENTS.incrementAndGet();
        private final AtomicInteger threads = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "paasmaker-client-" + client + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
