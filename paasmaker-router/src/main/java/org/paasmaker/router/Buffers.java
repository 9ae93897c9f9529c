package org.paasmaker.router;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The buffers every connection of the router reads into and writes from: Netty's pooled allocator,
 * direct buffers only, one arena per event loop, in chunks of 512 KiB. Measured against Netty 4.2's
 * default (its adaptive allocator) with {@code bench/router.sh}'s load, it takes 5 to 15% less CPU a
 * request, and with chunks of 512 KiB rather than 4 MiB the router holds no more memory than before
 * (docs/benchmarks.md): a request's buffers are a few KiB, and they pass from one connection to the
 * other on the same loop, so each loop's thread cache serves them.
 */
final class Buffers {

    /** 8 KiB pages, 2^6 of them a chunk. */
    private static final int PAGE = 8192;
    private static final int MAX_ORDER = 6;

    private Buffers() {
    }

    static ByteBufAllocator pooled(int eventLoops) {
        return new PooledByteBufAllocator(true, 0, eventLoops, PAGE, MAX_ORDER, PooledByteBufAllocator.defaultSmallCacheSize(),
                PooledByteBufAllocator.defaultNormalCacheSize(), PooledByteBufAllocator.defaultUseCacheForAllThreads());
    }
}
