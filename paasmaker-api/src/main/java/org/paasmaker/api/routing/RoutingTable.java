package org.paasmaker.api.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the router serves, replaced as a whole. The engine computes it from the running
 * instances and pushes it; the router keeps the newest it accepted, refuses one with a lower
 * {@code generation} than it has (a late push of an old table), and persists it so that it serves
 * it again at once after a restart.
 *
 * <p>On the wire (JSON, as the router's control channel and its state file have it):
 * <pre>{@code
 * {"generation": 7,
 *  "routes": [{"hostname": "*.hello.com",
 *              "targets": [{"host": "127.0.0.1", "port": 42600, "application": "hello",
 *                           "version": 3, "instanceId": "5f0c..."}],
 *              "redirectToHttps": false}],
 *  "certificates": [{"names": ["*.hello.com"], "chainPem": "-----BEGIN CERTIFICATE-----...",
 *                    "keyPem": "-----BEGIN PRIVATE KEY-----..."}],
 *  "challenges": [{"token": "...", "keyAuthorization": "..."}]}
 * }</pre>
 *
 * <p>Certificates travel with the routes so that a switch never serves a name with a certificate of
 * another table.
 *
 * <p>A request's Host header (lowercased, port stripped) is matched against the exact hostnames
 * first, then against {@code *.} plus each ever shorter suffix of it ({@code a.b.foo.com} tries
 * {@code *.b.foo.com}, then {@code *.foo.com}, then {@code *.com}), then against {@code *}.
 */
public record RoutingTable(long generation, List<Route> routes, List<ServedCertificate> certificates,
        List<AcmeChallenge> challenges) {

    /** What a router serves before it was ever given a table: nothing (every hostname is unknown). */
    public static final RoutingTable EMPTY = new RoutingTable(0, List.of(), List.of(), List.of());

    /**
     * A table with no certificate and no challenge. A factory rather than a second constructor: JSON-B
     * binds a record only through its one constructor.
     */
    public static RoutingTable of(long generation, List<Route> routes) {
        return new RoutingTable(generation, routes, List.of(), List.of());
    }

    public RoutingTable {
        if (generation < 0) {
            throw new IllegalArgumentException("a routing table's generation is 0 or more, not " + generation);
        }
        routes = List.copyOf(Objects.requireNonNull(routes, "a routing table needs a route list"));
        // Absent from a table written before HTTPS: nothing to serve over it.
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        challenges = challenges == null ? List.of() : List.copyOf(challenges);
        Set<String> seen = new HashSet<>();
        for (Route route : routes) {
            if (!seen.add(route.hostname())) {
                throw new IllegalArgumentException("routing table " + generation + " lists the hostname '"
                        + route.hostname() + "' twice; merge the targets into one route");
            }
        }
    }
}
