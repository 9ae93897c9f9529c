package org.paasmaker.api.rest;

/**
 * The data of a {@code log} event of {@code GET /instances/{id}/log} followed as {@code text/event-stream}:
 * new whole lines of the instance's output, each ending with a newline.
 */
public record InstanceLogLines(String instance, String text) {
}
