package org.paasmaker.engine.routes;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.instance.Routing;
import org.paasmaker.engine.routing.DrainResult;
import org.paasmaker.api.routing.Route;
import org.paasmaker.engine.routing.RouterControl;
import org.paasmaker.engine.routing.RouterProcess;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;

/**
 * Keeps a router's table in step with the records: each change is computed into a whole new table
 * (the router swaps it atomically) with the next generation number, and pushed only when its routes
 * differ from the last ones pushed. Instances about to stop are left out and drained first.
 */
public final class RoutePublisher implements Routing {

    private final Store store;
    private final RouteTables tables;
    private final RouterControl router;
    private final Duration drainLimit;
    private final Consumer<String> warnings;
    private final Set<InstanceId> draining = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private long generation;
    private List<Route> pushed;

    /**
     * @param clusterHostname the suffix of the per-version and per-type hostnames ({@code localhost})
     * @param drainLimit how long a stopping instance's requests in flight may take to end
     * @param addresses the address of a node by its name (null while it is not known): the targets of its
     *     instances' routes
     */
    public RoutePublisher(Store store, Function<ApplicationVersion, Manifest> manifests, String clusterHostname,
            RouterControl router, Duration drainLimit, Function<String, String> addresses, Consumer<String> warnings) {
        this.store = store;
        this.router = router;
        this.drainLimit = drainLimit;
        this.warnings = warnings;
        this.tables = new RouteTables(store, manifests, clusterHostname, addresses, this::warnOnce);
        tables.remember(router.table());
        // A router that outlived the engine keeps its generation; a lower one it would refuse.
        this.generation = router.table().generation();
    }

    /**
     * A router process that died is started again; it serves its own saved table at once, and
     * {@link RouterProcess#ensureRunning()} pushes the last one sent if that is newer. Tables are
     * pushed on changes, not here, so an idle platform computes none.
     */
    @Override
    public void maintain() {
        if (router instanceof RouterProcess process) {
            process.ensureRunning();
        }
    }

    @Override
    public synchronized void changed() {
        draining.removeIf(id -> store.instances().find(id).map(i -> i.state() != InstanceState.RUNNING).orElse(true));
        List<Route> routes = tables.routes(draining);
        if (!routes.equals(pushed)) {
            router.update(new RoutingTable(++generation, routes));
            pushed = routes;
        }
    }

    @Override
    public void drain(Set<InstanceId> leaving) {
        if (leaving.isEmpty()) {
            return;
        }
        draining.addAll(leaving);
        while (true) {
            RoutingTable next;
            synchronized (this) {
                pushed = tables.routes(draining);
                next = new RoutingTable(++generation, pushed);
            }
            try {
                // Waits outside the lock: other changes go on being published meanwhile.
                DrainResult result = router.drain(next, drainLimit);
                if (!result.isComplete()) {
                    warnings.accept("Stopping " + result.stillBusy().size() + " instances whose requests were still in"
                            + " flight after " + drainLimit.toSeconds() + " s: " + result.stillBusy());
                }
                return;
            } catch (PaasmakerException e) {
                if (e.code() != ErrorCode.CONFLICT) {
                    throw e;
                }
                // A newer table went out between ours being made and pushed; it leaves them out too.
            }
        }
    }

    /** The table the router serves now. */
    public RoutingTable table() {
        return router.table();
    }

    /** The port the router's proxy listens on. */
    public int port() {
        return router.port();
    }

    /** The router's traffic so far, per application, version and instance. */
    public RouterStatistics statistics() {
        return router.statistics();
    }

    private void warnOnce(String warning) {
        if (warned.add(warning)) {
            warnings.accept(warning);
        }
    }
}
