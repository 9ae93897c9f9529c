package org.paasmaker.router;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test opened, closed in reverse order whatever happened; every failure is reported. */
public final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    public <T extends AutoCloseable> T add(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    /** @throws IllegalStateException carrying every failure to close, when there was one */
    @Override
    public void close() {
        IllegalStateException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("a test could not close what it opened", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
