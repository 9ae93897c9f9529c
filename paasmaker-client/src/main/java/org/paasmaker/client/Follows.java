package org.paasmaker.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The event streams a client has open, so that closing the client closes them. */
final class Follows {

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Opens one; {@code factory} gets what to run when it closes. */
    <T extends AutoCloseable> T open(Function<Runnable, T> factory) {
        if (closed) {
            throw new IllegalStateException("this PaasmakerClient is closed");
        }
        Object[] holder = new Object[1];
        T follow = factory.apply(() -> {
            if (holder[0] != null) {
                open.remove(holder[0]);
            }
        });
        holder[0] = follow;
        open.add(follow);
        return follow;
    }

    void closeAll() {
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(open);
        open.clear();
        for (AutoCloseable follow : all) {
            try {
                follow.close();
            } catch (Exception e) {
                // Closing the client goes on with the others.
            }
        }
    }
}
