package org.paasmaker.router;

import java.util.Locale;

/** How the router spreads the requests for one hostname over its targets. */
public enum Balancing {
    /** Each target in turn. */
    ROUND_ROBIN,
    /** The target with the fewest requests in flight (ties in turn). */
    LEAST_CONNECTIONS;

    /** {@code round-robin} or {@code least-connections}. */
    public static Balancing fromWire(String name) {
        for (Balancing balancing : values()) {
            if (balancing.wireName().equals(name)) {
                return balancing;
            }
        }
        throw new IllegalArgumentException("unknown balancing '" + name + "': use round-robin or least-connections");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
