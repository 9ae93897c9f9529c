package org.paasmaker.war.rest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.paasmaker.api.rest.JobEventType;
import org.paasmaker.engine.Jobs;
import org.paasmaker.engine.job.JobSubscription;

/**
 * Sends one client a job tree's events until the tree has finished (then {@code end}, and the stream
 * closes) or the client goes. The engine tells it when anything in the tree changes; it then sends
 * what {@link JobEvents} finds new since the last event sent. Nothing is polled: only a comment now
 * and then, on the scheduler, finds a client that left while nothing happened.
 *
 * <p>Sending happens on the engine's thread that tells of the change (which waits for no job), one
 * round at a time: changes told during a round make one more round, however many there were.
 */
final class JobEventStream {

    private static final Logger LOG = Logger.getLogger(JobEventStream.class.getName());
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Jobs jobs;
    private final JobEvents events;
    private final EventSink sink;
    private final ScheduledExecutorService scheduler;
    private final Executor firstRound;
    /** Rounds asked for and not yet done; the one who raises it from 0 does them. */
    private final AtomicInteger wanted = new AtomicInteger();
    /** Guarded by this, as are the fields below: one round, or one keep-alive, at a time. */
    private JobCursor cursor;
    private boolean sentSinceKeepAlive;
    private boolean closed;
    private JobSubscription subscription;
    private ScheduledFuture<?> keepAlive;

    /**
     * @param scheduler sends the keep-alive comments
     * @param firstRound sends what the tree holds already, once the request's own thread has returned;
     *     the later rounds run on the engine's event threads
     */
    JobEventStream(Jobs jobs, JobEvents events, JobCursor from, EventSink sink, ScheduledExecutorService scheduler,
            Executor firstRound) {
        this.jobs = jobs;
        this.events = events;
        this.cursor = from;
        this.sink = sink;
        this.scheduler = scheduler;
        this.firstRound = firstRound;
    }

    /** Starts following; the first events go out on {@code firstRound}, after the request's own thread has returned. */
    void start() {
        synchronized (this) {
            // Before the first round reads the tree: a change between the two is told, not lost.
            subscription = jobs.subscribe(events.followed(), event -> wake(false));
            keepAlive = scheduler.scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        wake(true);
    }

    private void wake(boolean first) {
        if (wanted.getAndIncrement() != 0) {
            return;
        }
        if (!first) {
            rounds();
            return;
        }
        try {
            firstRound.execute(this::rounds);
        } catch (RejectedExecutionException e) {
            close(); // the server is stopping
        }
    }

    private void rounds() {
        int asked = 1;
        while (round()) {
            asked = wanted.addAndGet(-asked);
            if (asked == 0) {
                return;
            }
        }
        // Closed: the count stays above 0, so nothing starts another round.
    }

    /** Sends what is new; false once the stream is over. */
    private synchronized boolean round() {
        if (closed) {
            return false;
        }
        try {
            if (sink.isClosed()) {
                close();
                return false;
            }
            List<JobEvents.Event> next = events.since(cursor);
            for (JobEvents.Event event : next) {
                sink.event(event.name(), event.cursor().encode(), event.data());
                cursor = event.cursor();
                sentSinceKeepAlive = true;
                if (event.name().equals(JobEventType.END.wireName())) {
                    close();
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            // The client went away, or the job did (an engine restart forgets jobs): either way this stream is over.
            LOG.log(Level.FINE, "stopped following job " + events.followed(), e);
            close();
            return false;
        }
    }

    private synchronized void keepAlive() {
        if (closed) {
            return;
        }
        try {
            if (sink.isClosed()) {
                close();
            } else if (!sentSinceKeepAlive) {
                sink.comment("still following");
            }
            sentSinceKeepAlive = false;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "stopped following job " + events.followed(), e);
            close();
        }
    }

    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the events of job " + events.followed(), e);
        }
    }
}
