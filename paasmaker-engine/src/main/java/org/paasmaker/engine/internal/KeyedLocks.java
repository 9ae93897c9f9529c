package org.paasmaker.engine.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per key (an application, say), made on first use. */
public final class KeyedLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Locks the key; close the result to unlock. */
    public Held lock(String key) {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock(true));
        lock.lock();
        return lock::unlock;
    }

    /** A held lock. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
