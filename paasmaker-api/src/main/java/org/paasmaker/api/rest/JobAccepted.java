package org.paasmaker.api.rest;

import java.net.URI;

/** The answer to a verb that runs as a job (202): the job's id, where to read it and where to follow it. */
public record JobAccepted(String jobId, URI job, URI events) {
}
