package org.paasmaker.router;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The targets of one request's route, as both client handlers pick them: the first with a request
 * counted in flight, then, when one refuses the connection, another that has not refused. One per
 * client connection, reused for each of its exchanges.
 */
final class RouteChoice {

    private final Supplier<RouteSnapshot> routes;
    private TargetSet targets;
    private String host;
    private List<Backend> refused;

    RouteChoice(Supplier<RouteSnapshot> routes) {
        this.routes = routes;
    }

    /**
     * A target of the route with a request counted in flight; null when none takes requests. A target
     * that turned draining since the snapshot was read has been replaced by a newer table already (the
     * router publishes a table before it drains what the table dropped), so the newer table is read
     * before giving up.
     *
     * @param found the route's targets in {@code snapshot}
     */
    Backend first(RouteSnapshot snapshot, TargetSet found, String routedHost) {
        targets = found;
        host = routedHost;
        refused = null;
        RouteSnapshot current = snapshot;
        while (targets != null && !targets.isEmpty()) {
            Backend chosen = targets.acquire(null);
            if (chosen != null) {
                return chosen;
            }
            RouteSnapshot newer = routes.get();
            if (newer == current) {
                return null;
            }
            current = newer;
            targets = current.find(host);
        }
        return null;
    }

    /**
     * Another target after {@code target} refused the connection (nothing was sent, so another can take
     * the request); {@code target}'s request is no longer in flight. Null when every one has refused.
     */
    Backend afterRefusal(Backend target) {
        target.release();
        if (refused == null) {
            refused = new ArrayList<>(2);
        }
        refused.add(target);
        return targets.acquire(refused);
    }

    /** Forgets the exchange's route: a table it held is not kept alive by an idle connection. */
    void clear() {
        targets = null;
        refused = null;
    }
}
