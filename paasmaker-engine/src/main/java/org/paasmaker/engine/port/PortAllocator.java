package org.paasmaker.engine.port;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.BitSet;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;

/**
 * Hands out the ports of a range that no instance holds and no other process is listening on. A
 * port is tried by binding it for a moment; the search starts after the last port handed out, so a
 * port just released is not given again at once (a client may still hold connections to it).
 */
public final class PortAllocator {

    private final PortRange range;
    private final BitSet held;
    private int next;

    public PortAllocator(PortRange range) {
        this.range = range;
        this.held = new BitSet(range.size());
        this.next = range.first();
    }

    /** The ports it hands out. */
    public PortRange range() {
        return range;
    }

    /** A free port, now held until {@link #release}; a {@code CONFLICT} error when the range is used up. */
    public synchronized int allocate() {
        for (int tried = 0; tried < range.size(); tried++) {
            int port = next;
            next = port == range.last() ? range.first() : port + 1;
            if (!held.get(port - range.first()) && bindable(port)) {
                held.set(port - range.first());
                return port;
            }
        }
        throw new PaasmakerException(ErrorCode.CONFLICT, "every port of " + range
                + " is held by an instance or another process; stop some instances or widen PAASMAKER_PORTS");
    }

    /** Marks a port as held without trying it: an adopted instance is listening on it. */
    public synchronized void hold(int port) {
        if (range.contains(port)) {
            held.set(port - range.first());
        }
    }

    public synchronized void release(int port) {
        if (range.contains(port)) {
            held.clear(port - range.first());
        }
    }

    public synchronized boolean isHeld(int port) {
        return range.contains(port) && held.get(port - range.first());
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Without SO_REUSEADDR a port with connections in TIME_WAIT counts as taken, which is
            // what an instance about to bind it would also find.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
