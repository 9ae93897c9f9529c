package org.paasmaker.client;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.paasmaker.api.rest.InstanceLogLines;

/**
 * An instance's log followed as it grows, from {@link Instances#followLog}: each {@code log} event goes
 * to the consumer, on a thread of the client's, until {@link #close()}. A dropped connection is resumed
 * with {@code Last-Event-ID} (nothing lost or repeated); when the server stays out of reach for the
 * client's reconnect attempts, or refuses (the instance is gone), following stops and {@link #done()}
 * completes with the {@link PaasmakerClientException}. An exception thrown by the consumer stops it too.
 * The server ends the log when the instance is deregistered: a stream that ends cleanly, and again at
 * once on reconnecting with nothing new, is over, and {@link #done()} completes normally.
 */
public final class LogFollow implements AutoCloseable {

    private final EventSource source;
    private final String instanceId;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Runnable onClose;

    LogFollow(Transport transport, String instanceId, int lines, Consumer<InstanceLogLines> consumer, Runnable onClose) {
        this.instanceId = instanceId;
        this.onClose = onClose;
        this.source = new EventSource(transport, Transport.query(Transport.path("instances", instanceId, "log"),
                Transport.parameters("lines", lines)), "the log of instance " + instanceId, null, true);
        transport.executor().execute(() -> run(transport, consumer));
    }

    /** The followed instance's id. */
    public String instanceId() {
        return instanceId;
    }

    /** Completes normally once closed, or exceptionally when following failed. */
    public CompletableFuture<Void> done() {
        return done.copy();
    }

    /** Whether it still follows. */
    public boolean isOpen() {
        return !done.isDone();
    }

    /** The id of the last event delivered; empty before the first. */
    public Optional<String> lastEventId() {
        return source.lastEventId();
    }

    /** Stops following: the connection is closed, and no further lines are delivered (one being delivered may finish). */
    @Override
    public void close() {
        source.close();
        onClose.run();
        done.complete(null);
    }

    private void run(Transport transport, Consumer<InstanceLogLines> consumer) {
        try {
            for (Optional<SseReader.Event> event = source.next(); event.isPresent(); event = source.next()) {
                if (event.get().name().equals("log")) {
                    consumer.accept(transport.readJson(event.get().data(), InstanceLogLines.class, "an instance log event"));
                }
            }
            done.complete(null);
        } catch (RuntimeException | Error e) {
            source.close();
            onClose.run();
            done.completeExceptionally(e);
        }
    }
}
