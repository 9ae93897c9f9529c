package org.paasmaker.war.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.rest.JobAccepted;

/** The answer to a verb that runs as a job: 202, the job's id, and where to follow it. */
final class JobAnswers {

    private JobAnswers() {
    }

    static Response accepted(UriInfo uris, JobId id) {
        JobAccepted accepted = of(uris, id);
        return Response.accepted(accepted).location(accepted.job()).build();
    }

    static JobAccepted of(UriInfo uris, JobId id) {
        URI job = uris.getBaseUriBuilder().path(JobsResource.class).build(id.value());
        URI events = uris.getBaseUriBuilder().path(JobsResource.class).path("events").build(id.value());
        return new JobAccepted(id.value(), job, events);
    }
}
