package org.paasmaker.war.rest;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.rest.InstanceLogLines;
import org.paasmaker.engine.Versions;

/**
 * Sends one client an instance's output as it is written: first its last lines (unless the client
 * resumes), then each new whole line, as {@code log} events whose id is the byte offset in the
 * instance's log right after them, so that {@code Last-Event-ID} resumes there. It ends when the
 * client goes or the instance is deregistered.
 *
 * <p>Instances write their logs themselves and nobody tells the engine when, so the stream looks for
 * what is new every {@link #LOOK_EVERY} on the managed scheduler: a read from the offset, which costs
 * a stat when nothing is new. That is a timer per follower, acceptable for the few people who watch an
 * instance at a time (job events, which many clients follow at once, are told by the engine instead).
 */
final class InstanceLogStream {

    static final Duration LOOK_EVERY = Duration.ofMillis(250);
    static final String LOG_EVENT = "log";
    private static final Logger LOG = Logger.getLogger(InstanceLogStream.class.getName());
    private static final Pattern OFFSET = Pattern.compile("\\d{1,18}");
    /** Reads per look, of up to a megabyte each: an instance that writes faster is followed a little late. */
    private static final int MOST_READS_PER_LOOK = 8;
    /** Whether the instance was deregistered is asked every this many quiet looks: a store read, not a stat. */
    private static final int LOOKS_PER_STATE_CHECK = 4;

    private final Versions versions;
    private final InstanceId instance;
    private final int lines;
    private final EventSink sink;
    private final ScheduledExecutorService scheduler;
    /** Guarded by this, as are the fields below: one look at a time. */
    private OptionalLong offset;
    private long quietLooks;
    private boolean closed;
    private ScheduledFuture<?> looks;

    /**
     * @param from the offset to resume from, else empty to begin with the last {@code lines} lines
     */
    InstanceLogStream(Versions versions, InstanceId instance, OptionalLong from, int lines, EventSink sink,
            ScheduledExecutorService scheduler) {
        this.versions = versions;
        this.instance = instance;
        this.offset = from;
        this.lines = lines;
        this.sink = sink;
        this.scheduler = scheduler;
    }

    /** A {@code Last-Event-ID} this stream sent: the offset to resume from; a 400 for anything else. */
    static OptionalLong resumeFrom(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return OptionalLong.empty();
        }
        if (!OFFSET.matcher(lastEventId.strip()).matches()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the Last-Event-ID '" + lastEventId + "' is not"
                    + " one this server sent (an offset in the instance's log); reconnect without it to follow the log"
                    + " from its last lines");
        }
        return OptionalLong.of(Long.parseLong(lastEventId.strip()));
    }

    /** Starts following; the first look runs on the scheduler, after the request's own thread has returned. */
    synchronized void start() {
        try {
            looks = scheduler.scheduleWithFixedDelay(this::look, 0, LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close(); // the server is stopping
        }
    }

    private synchronized void look() {
        if (closed) {
            return;
        }
        try {
            if (sink.isClosed()) {
                close();
                return;
            }
            boolean sent = false;
            if (offset.isEmpty()) {
                Node.LogLines last = versions.instanceLogLast(instance, lines);
                sent = send(last);
            }
            for (int read = 0; read < MOST_READS_PER_LOOK; read++) {
                Node.LogLines next = versions.instanceLogAfter(instance, offset.getAsLong());
                if (!send(next)) {
                    break;
                }
                sent = true;
            }
            quietLooks = sent ? 0 : quietLooks + 1;
            if (!sent && quietLooks % LOOKS_PER_STATE_CHECK == 0 && deregistered()) {
                close();
                return;
            }
            if (quietLooks * LOOK_EVERY.toMillis() >= JobEventStream.KEEP_ALIVE.toMillis()) {
                sink.comment("still following");
                quietLooks = 0;
            }
        } catch (NotFoundException e) {
            close(); // the instance was deleted with its version
        } catch (RuntimeException e) {
            // The client went away, or the instance's log cannot be read: either way this stream is over.
            LOG.log(Level.FINE, "stopped following the log of instance " + instance, e);
            close();
        }
    }

    /** Sends the lines, if there are any, with the offset after them as the event's id. */
    private boolean send(Node.LogLines read) {
        offset = OptionalLong.of(read.next());
        if (read.text().isEmpty()) {
            return false;
        }
        sink.event(LOG_EVENT, Long.toString(read.next()), new InstanceLogLines(instance.value(), read.text()));
        return true;
    }

    private boolean deregistered() {
        return versions.instance(instance).state() == InstanceState.DEREGISTERED;
    }

    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (looks != null) {
            looks.cancel(false);
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the log stream of instance " + instance, e);
        }
    }
}
