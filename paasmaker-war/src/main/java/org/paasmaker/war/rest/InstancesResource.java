package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.engine.Paasmaker;

/**
 * {@code /api/v1/instances/{id}/log}: the last lines of an instance's output, or, as
 * {@code text/event-stream}, its output followed as it is written.
 */
@Path("instances/{id}")
public class InstancesResource {

    private static final int MAX_LINES = 10_000;

    @Inject
    Paasmaker engine;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @GET
    @Path("log")
    @Produces(MediaType.TEXT_PLAIN)
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.INSTANCE)
    public String log(@PathParam("id") String id, @QueryParam("lines") @DefaultValue("100") int lines) {
        checkLines(lines);
        return engine.versions().instanceLog(PathIds.instance(id), lines);
    }

    /**
     * The last {@code lines} lines, then each new whole line as the instance writes it, as {@code log}
     * events ({@code InstanceLogLines}); each event's id is an offset in the log, which
     * {@code Last-Event-ID} resumes from. The stream ends when the instance is deregistered.
     */
    @GET
    @Path("log")
    // Less preferred than text/plain: a request that accepts anything (curl, no Accept header) gets the tail, not a stream.
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    @Requires(value = Permission.WORKSPACE_VIEW, on = Scope.INSTANCE)
    public void follow(@PathParam("id") String id, @QueryParam("lines") @DefaultValue("100") int lines,
            @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId, @Context SseEventSink sink,
            @Context Sse sse) {
        checkLines(lines);
        InstanceId instance = PathIds.instance(id);
        engine.versions().instance(instance);
        new InstanceLogStream(engine.versions(), instance, InstanceLogStream.resumeFrom(lastEventId), lines,
                EventSink.of(sink, sse), scheduler).start();
    }

    private static void checkLines(int lines) {
        if (lines < 1 || lines > MAX_LINES) {
            String message = "lines must be between 1 and " + MAX_LINES + ", not " + lines;
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, message,
                    List.of(new FieldError("lines", message)), null);
        }
    }
}
