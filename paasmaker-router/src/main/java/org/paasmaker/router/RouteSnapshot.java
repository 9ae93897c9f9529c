package org.paasmaker.router;

import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One accepted routing table compiled for lookups: routes, certificates and ACME challenges.
 * Immutable: the router replaces the whole snapshot behind one volatile reference, so a request (and
 * a TLS handshake) sees either the old table or the new one.
 */
final class RouteSnapshot {

    private final RoutingTable table;
    private final HostMatcher<TargetSet> matcher;
    private final ServedCertificates certificates;
    private final Map<String, String> challenges;

    RouteSnapshot(RoutingTable table, Function<RouteTarget, Backend> backends, Balancing balancing,
            ServedCertificates certificates) {
        this.table = table;
        this.certificates = certificates;
        Map<String, String> answers = new HashMap<>();
        for (AcmeChallenge challenge : table.challenges()) {
            answers.put(challenge.token(), challenge.keyAuthorization());
        }
        this.challenges = Map.copyOf(answers);
        Map<String, TargetSet> sets = new HashMap<>();
        for (Route route : table.routes()) {
            List<Backend> members = new ArrayList<>(route.targets().size());
            for (RouteTarget target : route.targets()) {
                members.add(backends.apply(target));
            }
            sets.put(route.hostname(), new TargetSet(route.hostname(), members, balancing, route.redirectToHttps()));
        }
        this.matcher = new HostMatcher<>(sets);
    }

    RoutingTable table() {
        return table;
    }

    ServedCertificates certificates() {
        return certificates;
    }

    /** The key authorization that answers this ACME HTTP-01 token; null when the table has none. */
    String challenge(String token) {
        return challenges.get(token);
    }

    /** The targets serving this Host header; null when the hostname is unknown. */
    TargetSet find(CharSequence hostHeader) {
        return matcher.match(hostHeader);
    }
}
