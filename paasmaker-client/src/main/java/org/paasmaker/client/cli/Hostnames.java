package org.paasmaker.client.cli;

import java.util.List;
import java.util.Set;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;

/**
 * Where a version answers: the hostnames the router sends to one of its instances, read from the routing
 * table the server serves ({@code <number>.<type>.<application>.<workspace>.<cluster>}, and for the
 * current version {@code <type>.<application>.<workspace>.<cluster>} and the manifest's hostnames).
 */
final class Hostnames {

    private Hostnames() {
    }

    /** The table's hostnames that route to any of the instances, in the table's order. */
    static List<String> of(RoutingTable table, Set<String> instanceIds) {
        return table.routes().stream()
                .filter(route -> route.targets().stream().anyMatch(target -> instanceIds.contains(target.instanceId())))
                .map(Route::hostname)
                .toList();
    }

    /** {@code http://1.web.hello.dev.localhost:8080/}; a wildcard pattern stays as it is, with the port. */
    static String url(String hostname, int routerPort) {
        return "http://" + hostname + (routerPort == 80 ? "" : ":" + routerPort) + "/";
    }
}
