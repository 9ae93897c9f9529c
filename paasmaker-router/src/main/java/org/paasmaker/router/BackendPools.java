package org.paasmaker.router;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Duration;

/**
 * One {@link BackendPool} per event loop: a client connection's backend connections live on the
 * client's loop, so no connection ever changes threads and no pool needs a lock.
 */
final class BackendPools {

    private final EventLoopGroup loops;
    private final FastThreadLocal<BackendPool> perLoop;

    BackendPools(EventLoopGroup loops, Transport transport, ByteBufAllocator buffers, Duration connectTimeout) {
        this.loops = loops;
        this.perLoop = new FastThreadLocal<>() {
            @Override
            protected BackendPool initialValue() {
                for (EventExecutor loop : loops) {
                    if (loop.inEventLoop()) {
                        return new BackendPool(loop, transport, buffers, connectTimeout);
                    }
                }
                throw new IllegalStateException("a router's backend pool is reached only from one of its event loops");
            }
        };
    }

    /** The pool of the event loop that calls. */
    BackendPool current() {
        return perLoop.get();
    }

    /** Closes, on every loop, the idle connections to a backend that takes no more requests. */
    void closeIdle(Backend backend) {
        for (EventExecutor loop : loops) {
            loop.execute(() -> perLoop.get().closeIdle(backend));
        }
    }
}
