package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;
import org.paasmaker.api.rest.BatchExecutionJson;
import org.paasmaker.api.rest.JobAborted;
import org.paasmaker.api.rest.JobJson;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.war.batch.BatchExecutions;

/**
 * {@code /api/v1/jobs/{id}}: a job tree, a job's log, abort, the tree's events as they happen, and the
 * batch execution that ran a prepare's steps.
 */
@Path("jobs/{id}")
public class JobsResource {

    @Inject
    Paasmaker engine;

    @Inject
    BatchExecutions batchExecutions;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /**
     * A stream's first round runs on a thread of its own: Liberty's shared pool, which the scheduler's
     * tasks run on, is often busy waiting for a prepare, and grows only slowly.
     */
    @Resource
    ManagedThreadFactory threads;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.JOB)
    public JobJson show(@PathParam("id") String id) {
        return JobJson.of(engine.jobs().get(PathIds.job(id)));
    }

    @GET
    @Path("log")
    @Produces(MediaType.TEXT_PLAIN)
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.JOB)
    public String log(@PathParam("id") String id) {
        return engine.jobs().log(PathIds.job(id));
    }

    /** The batch execution a prepare job names in its tag {@code batch_execution_id}, as Liberty reports it. */
    @GET
    @Path("batch")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.JOB)
    public BatchExecutionJson batch(@PathParam("id") String id) {
        JobView job = engine.jobs().get(PathIds.job(id));
        return batchExecutions.of(job)
                .orElseThrow(() -> new NotFoundException("batch execution of the job", job.id()));
    }

    @POST
    @Path("abort")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.JOB_ABORT, on = Scope.JOB)
    public JobAborted abort(@PathParam("id") String id) {
        return new JobAborted(engine.jobs().abort(PathIds.job(id)));
    }

    /**
     * {@code state} events (a job's state), {@code log} events (new lines of a job's log) and a last
     * {@code end} event with the finished tree, for the job and its descendants, sent as the engine tells
     * of them. Each event's id is a cursor: send it back as {@code Last-Event-ID} to resume with nothing
     * lost or repeated.
     */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.JOB)
    public void events(@PathParam("id") String id, @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        JobId job = PathIds.job(id);
        // Before the stream starts, so that a job another controller runs is answered with an error naming it.
        engine.jobs().heldHere(job);
        JobCursor from = JobCursor.decode(lastEventId);
        new JobEventStream(engine.jobs(), new JobEvents(engine.jobs(), job), from, EventSink.of(sink, sse), scheduler,
                runnable -> threads.newThread(runnable).start())
                .start();
    }
}
