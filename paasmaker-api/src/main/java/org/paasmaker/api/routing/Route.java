package org.paasmaker.api.routing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A hostname pattern and the instances it is routed to. The pattern is a DNS name
 * ({@code 1.web.hello.dev.localhost}), a wildcard that stands for any one or more leading labels
 * ({@code *.hello.com} serves {@code a.hello.com} and {@code a.b.hello.com}, not {@code hello.com}),
 * or {@code *} alone, the catch-all. Patterns are kept lowercased: hostnames match without regard
 * to case. An empty target list is allowed: the name is known but nothing serves it right now (the
 * router answers 503, not 404). {@code redirectToHttps} makes the router answer a plain HTTP request
 * for the name with a permanent redirect to the same URL over HTTPS (ACME's HTTP-01 challenges
 * excepted), rather than proxying it.
 */
public record Route(String hostname, List<RouteTarget> targets, boolean redirectToHttps) {

    /** The pattern that serves every hostname no other pattern serves. */
    public static final String CATCH_ALL = "*";
    /** What starts a wildcard pattern: {@code *.hello.com}. */
    public static final String WILDCARD_PREFIX = "*.";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

    public Route {
        Objects.requireNonNull(hostname, "a route needs a hostname");
        hostname = hostname.toLowerCase(Locale.ROOT);
        String name = hostname.startsWith(WILDCARD_PREFIX) ? hostname.substring(WILDCARD_PREFIX.length()) : hostname;
        if (!hostname.equals(CATCH_ALL) && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + hostname + "' is no hostname pattern: use a DNS name such as"
                    + " 1.web.hello.dev.localhost, '*.' followed by one, or '*' alone (no port, no other '*')");
        }
        if (targets == null) {
            throw new NullPointerException("the route of " + hostname + " needs a target list");
        }
        targets = List.copyOf(targets);
    }

    /**
     * A route served over plain HTTP and HTTPS alike. A factory rather than a second constructor: JSON-B
     * binds a record only through its one constructor.
     */
    public static Route of(String hostname, List<RouteTarget> targets) {
        return new Route(hostname, targets, false);
    }
}
