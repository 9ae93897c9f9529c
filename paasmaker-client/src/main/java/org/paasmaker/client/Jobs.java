package org.paasmaker.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.rest.BatchExecutionJson;
import org.paasmaker.api.rest.JobAborted;
import org.paasmaker.api.rest.JobJson;

/** {@code /api/v1/jobs/{id}}: a job tree, its log and events, abort, and await. */
public final class Jobs {

    private final Transport transport;
    private final Follows follows;

    Jobs(Transport transport, Follows follows) {
        this.transport = transport;
        this.follows = follows;
    }

    /** {@code GET /jobs/{id}}: the job and its children with their states. */
    public JobJson get(String id) {
        return transport.getJson(Transport.path("jobs", id), JobJson.class);
    }

    /** {@code GET /jobs/{id}/log}: the job's own log. */
    public String log(String id) {
        return transport.getText(Transport.path("jobs", id, "log"));
    }

    /** {@code POST /jobs/{id}/abort}: whether it was aborted (false when it had already finished). */
    public JobAborted abort(String id) {
        return transport.sendJson("POST", Transport.path("jobs", id, "abort"), null, JobAborted.class);
    }

    /** {@code GET /jobs/{id}/batch}: the Jakarta Batch execution that ran a prepare job's steps. */
    public BatchExecutionJson batch(String id) {
        return transport.getJson(Transport.path("jobs", id, "batch"), BatchExecutionJson.class);
    }

    /**
     * {@code GET /jobs/{id}/events}: the tree's events from its start (a finished job's too), ending with
     * {@link JobEvent.End}. Connects before it returns, so an unknown job or an unreachable server throws
     * here. Close what it returns.
     */
    public JobEvents follow(String id) {
        return follow(id, null);
    }

    /**
     * The events after the one whose id is {@code lastEventId} ({@link JobEvents#lastEventId()} of an
     * earlier follow), or from the start when it is null.
     */
    public JobEvents follow(String id, String lastEventId) {
        Transport.segment(id);
        return follows.open(onClose -> new JobEvents(transport, id, lastEventId, onClose));
    }

    /**
     * Waits until the job tree has finished, following its events, and returns the finished tree, whatever
     * its state: check {@code state()} for {@code SUCCESS}. When it has not finished within
     * {@code timeout}, a {@link PaasmakerClientException} ({@code UNAVAILABLE}) says so; the job goes on.
     */
    public JobJson await(String id, Duration timeout) {
        Objects.requireNonNull(timeout, "how long to wait");
        try (JobEvents events = follow(id)) {
            CompletableFuture<Void> deadline = CompletableFuture.runAsync(events::close,
                    CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS, transport.executor()));
            try {
                for (JobEvent event : events) {
                    if (event instanceof JobEvent.End end) {
                        return end.job();
                    }
                }
            } finally {
                deadline.cancel(false);
            }
        }
        throw new PaasmakerClientException(ErrorCode.UNAVAILABLE, "job " + id + " did not finish within " + Transport.seconds(timeout)
                + "; it goes on on the server: follow it again, or wait longer");
    }
}
