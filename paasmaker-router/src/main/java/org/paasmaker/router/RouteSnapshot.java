package org.paasmaker.router;

import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One accepted routing table compiled for lookups. Immutable: the router replaces the whole
 * snapshot behind one volatile reference, so a request sees either the old table or the new one.
 */
final class RouteSnapshot {

    private final RoutingTable table;
    private final HostMatcher<TargetSet> matcher;

    RouteSnapshot(RoutingTable table, Function<RouteTarget, Backend> backends, Balancing balancing) {
        this.table = table;
        Map<String, TargetSet> sets = new HashMap<>();
        for (Route route : table.routes()) {
            List<Backend> members = new ArrayList<>(route.targets().size());
            for (RouteTarget target : route.targets()) {
                members.add(backends.apply(target));
            }
            sets.put(route.hostname(), new TargetSet(route.hostname(), members, balancing));
        }
        this.matcher = new HostMatcher<>(sets);
    }

    RoutingTable table() {
        return table;
    }

    /** The targets serving this Host header; null when the hostname is unknown. */
    TargetSet find(CharSequence hostHeader) {
        return matcher.match(hostHeader);
    }
}
