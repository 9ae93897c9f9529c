package org.paasmaker.api.routing;

import java.util.Objects;

/**
 * One running instance that a hostname may be routed to: where it listens, and whose it is (the
 * application, the version number and the instance id name it in the access log and statistics).
 * Two targets are the same instance only when every field matches, so an instance that moved to
 * another port is a new target.
 */
public record RouteTarget(String host, int port, String application, int version, String instanceId) {

    public RouteTarget {
        requireText(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a route target's port is 1 to 65535, not " + port + " (instance "
                    + instanceId + ")");
        }
        requireText(application, "application");
        if (version < 1) {
            throw new IllegalArgumentException("a route target's version is 1 or more, not " + version + " (instance "
                    + instanceId + ")");
        }
        requireText(instanceId, "instanceId");
    }

    /** {@code host:port}, as the access log names the upstream. */
    public String address() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, () -> "a route target needs its " + name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a route target's " + name + " is blank");
        }
    }
}
