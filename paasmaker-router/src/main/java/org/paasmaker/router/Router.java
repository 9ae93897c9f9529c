package org.paasmaker.router;

import io.netty.buffer.ByteBufAllocator;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RouterStatistics.ApplicationTraffic;
import org.paasmaker.api.routing.RouterStatistics.InstanceTraffic;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RouterStatistics.VersionTraffic;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.RouteTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.RouterStatistics.ApplicationTraffic;
import org.paasmaker.api.routing.RouterStatistics.InstanceTraffic;
import org.paasmaker.api.routing.RouterStatistics.VersionTraffic;

/**
 * The router in this JVM: an HTTP/1.1 reverse proxy that routes on the Host header to the targets of
 * the current {@link RoutingTable}. {@link RouterMain} runs the very same class in a process of its
 * own; embedders and tests use it directly.
 *
 * <p>A new table is compiled into an immutable snapshot and published through one volatile field;
 * targets listed by both tables keep their counters and connections. Only then are the targets the
 * new table dropped marked draining, so that a request that picked one from the old snapshot fails
 * to acquire it and finds the new snapshot already in place.
 */
public final class Router implements RouterControl, AutoCloseable {

    private final RouterSettings settings;
    private final Optional<AccessLog> accessLog;
    private final TrafficRecorder unrouted = new TrafficRecorder();
    private final Map<InstanceKey, TrafficRecorder> traffic = new ConcurrentHashMap<>();
    /**
     * Guarded by this: when each instance that has traffic left the table ({@link System#nanoTime()}); its
     * traffic is forgotten once it has been gone for the settings' retention, so that a router that sees
     * thousands of deploys holds the counts of the instances it routes to, not of every one it ever did.
     */
    private final Map<InstanceKey, Long> unroutedSince = new HashMap<>();
    /** The backends of the current table; guarded by this. */
    private Map<RouteTarget, Backend> live = Map.of();
    /** Backends the last table dropped, and those dropped before that were still busy then; guarded by this. */
    private final Set<Backend> draining = new HashSet<>();
    private volatile RouteSnapshot snapshot;
    private final ProxyServer server;
    private BackendPools pools;

    private Router(RouterSettings settings, RoutingTable initial) {
        this.settings = settings;
        this.accessLog = settings.accessLog().map(file -> new AccessLog(file, settings.accessLogLimit()));
        try {
            publish(initial);
            Transport transport = Transport.best();
            ByteBufAllocator buffers = Buffers.pooled(settings.eventLoops());
            this.server = ProxyServer.start(settings, transport, buffers, loops -> {
                pools = new BackendPools(loops, transport, buffers, settings.connectTimeout());
                // Read when a redirect is answered, by then the HTTPS listener is bound (its port may have been 0).
                return new ProxyContext(() -> snapshot, pools, accessLog, unrouted, this::httpsPort);
            });
        } catch (RuntimeException e) {
            accessLog.ifPresent(AccessLog::close);
            throw e;
        }
    }

    /** Starts serving {@link RoutingTable#EMPTY}: every hostname is unknown until the first {@link #update}. */
    public static Router start(RouterSettings settings) {
        return start(settings, RoutingTable.EMPTY);
    }

    /** Starts serving {@code initial} at once (the table a router process persisted, say). */
    public static Router start(RouterSettings settings, RoutingTable initial) {
        return new Router(settings, initial);
    }

    /** The port the proxy listens on (the one picked, when the settings said 0). */
    @Override
    public int port() {
        return server.port();
    }

    /** The port the HTTPS listener listens on; {@link RouterSettings#HTTPS_OFF} when the settings asked for none. */
    public int httpsPort() {
        return server.httpsPort();
    }

    /** Which TLS implementation the HTTPS listener uses: OpenSSL where Netty's native library loads, else the JDK's. */
    public static String tlsProvider() {
        return TlsContexts.provider();
    }

    public RouterSettings settings() {
        return settings;
    }

    @Override
    public synchronized void update(RoutingTable table) {
        long current = snapshot.table().generation();
        if (table.generation() < current) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "the router already serves routing table generation "
                    + current + ", so it refuses the older generation " + table.generation()
                    + "; compute a new table and push that");
        }
        Map<RouteTarget, Backend> before = live;
        publish(table);
        forgetUnrouted(before.keySet());
        // Those that finished since the last update leave; the ones this table drops are reported by the next drain.
        draining.removeIf(backend -> backend.idle().isDone());
        for (Map.Entry<RouteTarget, Backend> entry : before.entrySet()) {
            if (!live.containsKey(entry.getKey())) {
                Backend dropped = entry.getValue();
                dropped.startDraining();
                draining.add(dropped);
                pools.closeIdle(dropped);
            }
        }
    }

    @Override
    public RoutingTable table() {
        return snapshot.table();
    }

    @Override
    public DrainResult drain(RoutingTable next, Duration limit) {
        update(next);
        return awaitDrained(limit);
    }

    /**
     * Waits, at most {@code limit}, until every target dropped by the last table, and any dropped
     * earlier that was still busy then, has no request in flight; returns early once they are all idle.
     */
    public DrainResult awaitDrained(Duration limit) {
        List<Backend> waitingFor;
        synchronized (this) {
            waitingFor = List.copyOf(draining);
        }
        CompletableFuture<?> all = CompletableFuture.allOf(waitingFor.stream().map(Backend::idle)
                .toArray(CompletableFuture[]::new));
        try {
            all.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Reported below as the targets still busy.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a backend's idle signal cannot fail", e);
        }
        List<RouteTarget> drained = new ArrayList<>();
        List<RouteTarget> busy = new ArrayList<>();
        for (Backend backend : waitingFor) {
            (backend.idle().isDone() ? drained : busy).add(backend.target());
        }
        return new DrainResult(drained, busy);
    }

    /**
     * How many targets that tables dropped still have requests in flight; a follower reports it to
     * the controller, which waits for none before it stops them.
     */
    public synchronized int busyDropped() {
        draining.removeIf(backend -> backend.idle().isDone());
        return draining.size();
    }

    @Override
    public RouterStatistics statistics() {
        synchronized (this) {
            forgetUnrouted(Set.of());
        }
        Map<String, TrafficRecorder.Reading> byApplication = new TreeMap<>();
        Map<VersionKey, TrafficRecorder.Reading> byVersion = new TreeMap<>(
                Comparator.comparing(VersionKey::application).thenComparingInt(VersionKey::version));
        List<InstanceTraffic> instances = new ArrayList<>();
        traffic.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(InstanceKey::application)
                        .thenComparingInt(InstanceKey::version).thenComparing(InstanceKey::instanceId)))
                .forEach(entry -> {
                    InstanceKey key = entry.getKey();
                    TrafficRecorder.Reading reading = entry.getValue().read();
                    instances.add(new InstanceTraffic(key.application(), key.version(), key.instanceId(), reading.stats()));
                    byApplication.merge(key.application(), reading, TrafficRecorder.Reading::plus);
                    byVersion.merge(new VersionKey(key.application(), key.version()), reading, TrafficRecorder.Reading::plus);
                });
        List<ApplicationTraffic> applications = new ArrayList<>();
        byApplication.forEach((name, reading) -> applications.add(new ApplicationTraffic(name, reading.stats())));
        List<VersionTraffic> versions = new ArrayList<>();
        byVersion.forEach((key, reading) -> versions.add(new VersionTraffic(key.application(), key.version(), reading.stats())));
        return new RouterStatistics(table().generation(), applications, versions, instances, unrouted.read().stats());
    }

    /** Stops listening and closes every connection; requests in flight are cut. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            accessLog.ifPresent(AccessLog::close);
        }
    }

    private void publish(RoutingTable table) {
        ServedCertificates before = snapshot == null ? ServedCertificates.NONE : snapshot.certificates();
        // First, so that a certificate that cannot be served refuses the table before anything changed.
        ServedCertificates certificates = ServedCertificates.compile(table.certificates(), before);
        Map<RouteTarget, Backend> next = new HashMap<>();
        for (Route route : table.routes()) {
            for (RouteTarget target : route.targets()) {
                next.computeIfAbsent(target, this::backendFor);
            }
        }
        snapshot = new RouteSnapshot(table, next::get, settings.balancing(), certificates);
        live = next;
    }

    /**
     * Notes when the instances of {@code before} left the table, if they did, and forgets the traffic
     * of those gone for longer than the retention. Called with this held.
     */
    private void forgetUnrouted(Set<RouteTarget> before) {
        long now = System.nanoTime();
        Set<InstanceKey> routed = new HashSet<>();
        live.keySet().forEach(target -> routed.add(InstanceKey.of(target)));
        unroutedSince.keySet().removeAll(routed);
        for (RouteTarget target : before) {
            InstanceKey key = InstanceKey.of(target);
            if (!routed.contains(key)) {
                unroutedSince.putIfAbsent(key, now);
            }
        }
        long retention = settings.statisticsRetention().toNanos();
        unroutedSince.entrySet().removeIf(gone -> {
            boolean forget = now - gone.getValue() >= retention;
            if (forget) {
                traffic.remove(gone.getKey());
            }
            return forget;
        });
    }

    private Backend backendFor(RouteTarget target) {
        Backend kept = live.get(target);
        if (kept != null) {
            return kept;
        }
        TrafficRecorder recorder = traffic.computeIfAbsent(InstanceKey.of(target), key -> new TrafficRecorder());
        return new Backend(target, recorder);
    }

    private record InstanceKey(String application, int version, String instanceId) {

        static InstanceKey of(RouteTarget target) {
            return new InstanceKey(target.application(), target.version(), target.instanceId());
        }
    }

    private record VersionKey(String application, int version) {
    }
}
