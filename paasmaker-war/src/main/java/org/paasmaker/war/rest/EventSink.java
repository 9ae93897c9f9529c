package org.paasmaker.war.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Where a followed stream's events go: a Server-Sent Events connection, or a test's list. Calls may
 * block while the client reads slowly, and throw once it has gone.
 */
interface EventSink {

    /** One event: its name, its id (what the client sends back as {@code Last-Event-ID}) and its data, as JSON. */
    void event(String name, String id, Object data);

    /** A comment, which clients ignore: sent now and then, it finds a client that left while all was quiet. */
    void comment(String text);

    boolean isClosed();

    void close();

    static EventSink of(SseEventSink sink, Sse sse) {
        return new EventSink() {
            @Override
            public void event(String name, String id, Object data) {
                sink.send(sse.newEventBuilder().name(name).id(id).mediaType(MediaType.APPLICATION_JSON_TYPE).data(data)
                        .build()).toCompletableFuture().join();
            }

            @Override
            public void comment(String text) {
                sink.send(sse.newEventBuilder().comment(text).build()).toCompletableFuture().join();
            }

            @Override
            public boolean isClosed() {
                return sink.isClosed();
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }
}
