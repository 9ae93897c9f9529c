package org.paasmaker.war.rest;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** An {@link EventSink} that keeps what it was sent, as a client would have read it, and when. */
final class CollectedEvents implements EventSink {

    /** One event, or a comment (named {@code null}). */
    record Sent(String name, String id, Object data, Instant at) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean gone;

    @Override
    public void event(String name, String id, Object data) {
        if (closed || gone) {
            throw new IllegalStateException("sent to a closed stream");
        }
        sent.add(new Sent(name, id, data, Instant.now()));
    }

    @Override
    public void comment(String text) {
        if (closed || gone) {
            throw new IllegalStateException("sent to a closed stream");
        }
        sent.add(new Sent(null, null, text, Instant.now()));
    }

    @Override
    public boolean isClosed() {
        return closed || gone;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The client leaves, as a browser tab that is closed. */
    void leave() {
        gone = true;
    }

    /** Whether the stream closed the sink itself. */
    boolean closedByStream() {
        return closed;
    }

    List<Sent> events() {
        return sent.stream().filter(s -> s.name() != null).toList();
    }

    Sent awaitEvent(Predicate<Sent> which, Duration within, String what) {
        return await(what).atMost(within).until(() -> events().stream().filter(which).findFirst().orElse(null),
                found -> found != null);
    }
}
