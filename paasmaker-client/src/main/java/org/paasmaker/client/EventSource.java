package org.paasmaker.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.paasmaker.api.error.ErrorCode;

/**
 * One followed event stream ({@code text/event-stream}) that survives dropped connections: when the
 * connection breaks or ends before the stream is done, it connects again with {@code Last-Event-ID} set
 * to the id of the last whole event read, so the server resumes after it and no event is lost or read
 * twice. The first connection is made at once and its failure thrown; later ones follow the client's
 * {@link ReconnectPolicy}. {@link #close()} may be called from any thread and ends a blocked {@link #next()}.
 */
final class EventSource implements AutoCloseable {

    private final Transport transport;
    private final String path;
    private final String what;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile InputStream body;
    private SseReader reader;
    private volatile String lastEventId;
    private final boolean serverMayEnd;
    private int failures;
    private int eventsOnConnection;
    private boolean previousEndedCleanly;

    /**
     * @param what what is followed, for messages ("job 5d1c...")
     * @param lastEventId where to resume, or null for the start
     * @param serverMayEnd whether the server ends the stream when there is no more to tell (an instance
     *     log, when the instance goes): then a stream that ends cleanly twice in a row with no event in
     *     between is over, where otherwise every end is a dropped connection
     */
    EventSource(Transport transport, String path, String what, String lastEventId, boolean serverMayEnd) {
        this.transport = transport;
        this.path = path;
        this.what = what;
        this.lastEventId = lastEventId;
        this.serverMayEnd = serverMayEnd;
        connect();
    }

    /** The id of the last whole event read, to resume from; empty before the first that had one. */
    Optional<String> lastEventId() {
        return Optional.ofNullable(lastEventId).filter(id -> !id.isEmpty());
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** The next event, reconnecting as needed; empty once closed. */
    Optional<SseReader.Event> next() {
        while (!isClosed()) {
            if (reader == null && !reconnect()) {
                return Optional.empty();
            }
            IOException failure = null;
            try {
                Optional<SseReader.Event> event = reader.next();
                if (event.isPresent()) {
                    failures = 0;
                    eventsOnConnection++;
                    previousEndedCleanly = false;
                    lastEventId = event.get().lastEventId();
                    return event;
                }
            } catch (IOException e) {
                failure = e;
            }
            if (isClosed()) {
                return Optional.empty();
            }
            if (failure == null && serverMayEnd && previousEndedCleanly && eventsOnConnection == 0) {
                close();
                return Optional.empty();
            }
            previousEndedCleanly = failure == null;
            dropped(failure);
        }
        return Optional.empty();
    }

    /** Ends the stream: the connection is closed and {@link #next()} answers empty from now on. */
    @Override
    public void close() {
        closed.countDown();
        closeBody();
    }

    private void dropped(IOException failure) {
        closeBody();
        reader = null;
        failures++;
        if (failures > transport.reconnect().attempts()) {
            String reason = failure == null || failure.getMessage() == null ? "it closed before the stream's end"
                    : failure.getMessage();
            close();
            throw new PaasmakerClientException(ErrorCode.UNAVAILABLE, "lost the connection to the server at "
                    + transport.server() + " while following " + what + " (" + reason + ")"
                    + (transport.reconnect().attempts() == 0 ? "" : " and " + transport.reconnect().attempts()
                            + " attempts to reconnect failed") + "; is the server running?"
                    + lastEventId().map(id -> " (to resume: Last-Event-ID " + id + ")").orElse(""), 0, failure);
        }
    }

    /** Waits the policy's delay, then connects; false when closed meanwhile. */
    private boolean reconnect() {
        while (true) {
            Duration delay = transport.reconnect().delay(failures);
            try {
                if (closed.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return false;
            }
            try {
                connect();
                return true;
            } catch (PaasmakerClientException e) {
                if (isClosed()) {
                    return false;
                }
                failures++;
                if (e.code() != ErrorCode.UNAVAILABLE || failures > transport.reconnect().attempts()) {
                    close();
                    throw new PaasmakerClientException(e.code(), "lost the connection to the server at "
                            + transport.server() + " while following " + what + ", and "
                            + (e.code() == ErrorCode.UNAVAILABLE ? "could not reconnect in " + transport.reconnect().attempts()
                                    + " attempts" : "reconnecting was refused") + ": " + e.getMessage()
                            + lastEventId().map(id -> " (to resume: Last-Event-ID " + id + ")").orElse(""), e.status(), e);
                }
            }
        }
    }

    private void connect() {
        HttpRequest.Builder request = transport.request(path, Transport.EVENT_STREAM).GET();
        lastEventId().ifPresent(id -> request.header("Last-Event-ID", id));
        HttpResponse<InputStream> response = transport.send(request.build());
        String contentType = Transport.contentType(response);
        if (!contentType.startsWith(Transport.EVENT_STREAM)) {
            Transport.discard(response);
            throw new PaasmakerClientException(ErrorCode.UNAVAILABLE, "the server at " + transport.server()
                    + " answered " + response.statusCode() + " with " + (contentType.isEmpty() ? "no content type" : contentType)
                    + " where it streams " + what + "'s events (text/event-stream); is it a Paasmaker server of this"
                    + " version, and is no proxy buffering the stream?", response.statusCode(), (Throwable) null);
        }
        body = response.body();
        reader = new SseReader(body, lastEventId);
        eventsOnConnection = 0;
        if (isClosed()) {
            closeBody();
        }
    }

    private void closeBody() {
        InputStream current = body;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // Closing is all that was wanted.
            }
        }
    }
}
