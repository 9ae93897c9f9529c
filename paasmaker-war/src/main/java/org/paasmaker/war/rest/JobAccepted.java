package org.paasmaker.war.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.paasmaker.api.job.JobId;

/** The answer to a verb that runs as a job: 202, the job's id, and where to follow it. */
public record JobAccepted(String jobId, URI job, URI events) {

    static Response response(UriInfo uris, JobId id) {
        URI job = uris.getBaseUriBuilder().path(JobsResource.class).build(id.value());
        URI events = uris.getBaseUriBuilder().path(JobsResource.class).path("events").build(id.value());
        return Response.accepted(new JobAccepted(id.value(), job, events)).location(job).build();
    }
}
