package org.paasmaker.router;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Duration;

/**
 * Two {@link BackendPool}s per event loop, one for each kind of client handler: a client connection's
 * backend connections live on the client's loop, so no connection ever changes threads and no pool
 * needs a lock.
 */
final class BackendPools {

    private final EventLoopGroup loops;
    private final FastThreadLocal<BackendPool> perLoop;
    private final FastThreadLocal<BackendPool> relayedPerLoop;

    BackendPools(EventLoopGroup loops, Transport transport, ByteBufAllocator buffers, Duration connectTimeout) {
        this.loops = loops;
        this.perLoop = perLoop(loops, transport, buffers, connectTimeout, false);
        this.relayedPerLoop = perLoop(loops, transport, buffers, connectTimeout, true);
    }

    private static FastThreadLocal<BackendPool> perLoop(EventLoopGroup loops, Transport transport, ByteBufAllocator buffers,
            Duration connectTimeout, boolean relayed) {
        return new FastThreadLocal<>() {
            @Override
            protected BackendPool initialValue() {
                for (EventExecutor loop : loops) {
                    if (loop.inEventLoop()) {
                        return new BackendPool(loop, transport, buffers, connectTimeout, relayed);
                    }
                }
                throw new IllegalStateException("a router's backend pool is reached only from one of its event loops");
            }
        };
    }

    /** The pool of HTTP-object connections ({@link FrontendHandler}'s) of the event loop that calls. */
    BackendPool current() {
        return perLoop.get();
    }

    /** The pool of byte connections ({@link ByteRelayHandler}'s) of the event loop that calls. */
    BackendPool currentRelayed() {
        return relayedPerLoop.get();
    }

    /** Closes, on every loop, the idle connections to a backend that takes no more requests. */
    void closeIdle(Backend backend) {
        for (EventExecutor loop : loops) {
            loop.execute(() -> {
                perLoop.get().closeIdle(backend);
                relayedPerLoop.get().closeIdle(backend);
            });
        }
    }
}
