package org.paasmaker.api.rest;

import java.net.URI;

/**
 * The answer to creating a version (202): the prepare job, and the version with its application as
 * soon as the job has made them. They are absent only when the job failed before it could (a source
 * that cannot be fetched, a manifest that does not validate); the job then says why.
 */
public record VersionAccepted(String jobId, URI job, URI events, VersionJson version, ApplicationJson application) {

    /** The job part of the answer, as every other verb answers it. */
    public JobAccepted accepted() {
        return new JobAccepted(jobId, job, events);
    }
}
