package org.paasmaker.api.routing;

/** A router's answer to {@code GET /health} on its control channel: the generation it serves, its proxy's port, its pid. */
public record RouterHealth(long generation, int proxyPort, long pid) {
}
