package org.paasmaker.api.rest;

/** The answer to {@code POST /jobs/{id}/abort}: false when the job had already finished. */
public record JobAborted(boolean aborted) {
}
