package org.paasmaker.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Netty's leak detector at its paranoid level (every buffer tracked) for a test class, and the leaks
 * it reports collected rather than only logged. Netty finds a leak when a buffer that was never
 * released has been collected and another buffer is allocated: {@link #reported} collects garbage
 * and allocates before it reads the reports.
 */
final class NettyLeaks implements AutoCloseable {

    private static final int ROUNDS = 10;

    /** Held: java.util.logging keeps its loggers only weakly. */
    private final Logger logger = Logger.getLogger(ResourceLeakDetector.class.getName());
    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains("LEAK")) {
                leaks.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** From now on every buffer is tracked; leaks of buffers from before are reported, and left out, first. */
    static NettyLeaks watch() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        collect();
        NettyLeaks watch = new NettyLeaks();
        watch.logger.addHandler(watch.handler);
        return watch;
    }

    /** The leaks reported since {@link #watch} or the last call, after a collection. */
    List<String> reported() {
        collect();
        List<String> reported = List.copyOf(leaks);
        leaks.removeAll(reported);
        return reported;
    }

    private static void collect() {
        for (int i = 0; i < ROUNDS; i++) {
            System.gc();
            // A tracked allocation is when the detector looks at what was collected.
            ByteBuf probe = UnpooledByteBufAllocator.DEFAULT.directBuffer(1);
            probe.release();
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        ResourceLeakDetector.setLevel(before);
    }
}
