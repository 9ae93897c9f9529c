package org.paasmaker.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.paasmaker.api.rest.JobEventType;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.api.rest.JobStateChange;

/**
 * A job tree's events as they happen, from {@link Jobs#follow(String)}: iterate them (once) or
 * {@link #stream()} them. The events end after {@link JobEvent.End}. A dropped connection is resumed with
 * {@code Last-Event-ID}, with nothing lost or repeated; when the server stays out of reach for the
 * client's reconnect attempts, the iteration throws a {@link PaasmakerClientException}
 * ({@code UNAVAILABLE}). Close it to stop following early (from any thread: a waiting {@code hasNext()}
 * then answers false); events of types this version does not know are skipped.
 *
 * <pre>{@code
 * try (JobEvents events = client.jobs().follow(jobId)) {
 *     for (JobEvent event : events) {
 *         if (event instanceof JobEvent.State state) {
 *             System.out.println(state.change().title() + ": " + state.change().state());
 *         }
 *     }
 * }
 * }</pre>
 */
public final class JobEvents implements Iterable<JobEvent>, AutoCloseable {

    private final Transport transport;
    private final EventSource source;
    private final String jobId;
    private final Runnable onClose;
    private final AtomicBoolean iterated = new AtomicBoolean();
    private volatile boolean ended;

    JobEvents(Transport transport, String jobId, String lastEventId, Runnable onClose) {
        this.transport = transport;
        this.jobId = jobId;
        this.onClose = onClose;
        this.source = new EventSource(transport, Transport.path("jobs", jobId, "events"), "job " + jobId, lastEventId, false);
    }

    /** The followed job's id. */
    public String jobId() {
        return jobId;
    }

    /**
     * The id of the last event read: give it to {@link Jobs#follow(String, String)} to go on from there
     * in another follow (or another process); empty before the first event.
     */
    public Optional<String> lastEventId() {
        return source.lastEventId();
    }

    /** Whether the {@link JobEvent.End} event was read. */
    public boolean ended() {
        return ended;
    }

    /** The events, in order; may be called once. */
    @Override
    public Iterator<JobEvent> iterator() {
        if (!iterated.compareAndSet(false, true)) {
            throw new IllegalStateException("the events of job " + jobId + " can be read once; follow the job again"
                    + " (with lastEventId() to go on where this stopped)");
        }
        return new Iterator<>() {
            private JobEvent next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (ended) {
                    return false;
                }
                next = read();
                return next != null;
            }

            @Override
            public JobEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("job " + jobId + " has no more events");
                }
                JobEvent event = next;
                next = null;
                return event;
            }
        };
    }

    /** The events as a stream, which closes this when it is closed; may be called once, instead of iterating. */
    public Stream<JobEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** Stops following: the connection is closed, and the iteration ends. */
    @Override
    public void close() {
        source.close();
        onClose.run();
    }

    /** The next known event, or null at the end (closed, or after {@code end}). */
    private JobEvent read() {
        while (true) {
            Optional<SseReader.Event> event = source.next();
            if (event.isEmpty()) {
                return null;
            }
            Optional<JobEventType> type = JobEventType.fromWire(event.get().name());
            if (type.isEmpty()) {
                continue;
            }
            String data = event.get().data();
            switch (type.get()) {
                case STATE:
                    return new JobEvent.State(transport.readJson(data, JobStateChange.class, "a job state event"));
                case LOG:
                    return new JobEvent.Log(transport.readJson(data, JobLogLines.class, "a job log event"));
                case END:
                    JobJson job = transport.readJson(data, JobJson.class, "a job end event");
                    ended = true;
                    close();
                    return new JobEvent.End(job);
                default:
                    continue;
            }
        }
    }
}
