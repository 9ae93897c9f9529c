package org.paasmaker.engine.service.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The plugin's {@code ports} setting for a test. */
final class RedisPorts {

    private RedisPorts() {
    }

    /** A range of its own for this run, from a port free now, so that another build's servers are not in the way. */
    static String ofThisRun(int width) throws IOException {
        int first;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            first = Math.min(probe.getLocalPort(), 65000);
        }
        return first + "-" + (first + width);
    }
}
