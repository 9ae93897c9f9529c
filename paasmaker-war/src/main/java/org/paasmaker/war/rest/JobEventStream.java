package org.paasmaker.war.rest;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one client a job tree's events until the tree has finished (then {@code end}, and the stream
 * closes) or the client goes. It polls {@link JobEvents} on a managed scheduler rather than holding a
 * thread; a comment now and then finds a client that left while nothing happened.
 */
final class JobEventStream implements Runnable {

    private static final Logger LOG = Logger.getLogger(JobEventStream.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final JobEvents events;
    private final SseEventSink sink;
    private final Sse sse;
    private final ManagedScheduledExecutorService scheduler;
    private JobCursor cursor;
    private long quietPolls;

    JobEventStream(JobEvents events, JobCursor from, SseEventSink sink, Sse sse, ManagedScheduledExecutorService scheduler) {
        this.events = events;
        this.cursor = from;
        this.sink = sink;
        this.sse = sse;
        this.scheduler = scheduler;
    }

    void start() {
        scheduler.execute(this);
    }

    @Override
    public void run() {
        try {
            if (sink.isClosed()) {
                return;
            }
            var next = events.since(cursor);
            for (JobEvents.Event event : next) {
                send(sse.newEventBuilder().name(event.name()).id(event.cursor().encode())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event.data()).build());
                cursor = event.cursor();
                if (event.name().equals("end")) {
                    sink.close();
                    return;
                }
            }
            quietPolls = next.isEmpty() ? quietPolls + 1 : 0;
            if (quietPolls * POLL.toMillis() >= KEEP_ALIVE.toMillis()) {
                send(sse.newEventBuilder().comment("still following").build());
                quietPolls = 0;
            }
            scheduler.schedule(this, POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // The client went away, or the job did (an engine restart forgets jobs): either way this stream is over.
            LOG.log(Level.FINE, "stopped following a job", e);
            sink.close();
        }
    }

    private void send(OutboundSseEvent event) {
        sink.send(event).toCompletableFuture().join();
    }
}
