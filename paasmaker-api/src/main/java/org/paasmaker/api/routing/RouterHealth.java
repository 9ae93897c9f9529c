package org.paasmaker.api.routing;

/**
 * A router's answer to {@code GET /health} on its control channel: the generation it serves, its
 * proxy's port, its pid, and its HTTPS listener's port ({@code -1} when it has none; {@code 0} from a
 * router older than HTTPS, which left the field out).
 */
public record RouterHealth(long generation, int proxyPort, long pid, int httpsPort) {

    /** A router without an HTTPS listener. */
    public RouterHealth(long generation, int proxyPort, long pid) {
        this(generation, proxyPort, pid, -1);
    }
}
