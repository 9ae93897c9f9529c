package org.paasmaker.engine.instance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Whether a starting instance came up: an HTTP instance once it accepts connections on its port, a
 * standalone one once it has stayed alive for its grace period. An instance that dies meanwhile
 * fails at once rather than at the deadline.
 */
public final class Readiness {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private Readiness() {
    }

    /**
     * Returns when something accepts connections on the port; throws when {@code alive} turns false or
     * the time is up, naming the instance, the port and the limit.
     */
    public static void awaitListening(String instance, int port, Duration within, BooleanSupplier alive) {
        awaitListening(instance, "127.0.0.1", port, within, alive);
    }

    /** As {@link #awaitListening(String, int, Duration, BooleanSupplier)}, on the port of the address. */
    public static void awaitListening(
            String instance, String address, int port, Duration within, BooleanSupplier alive) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (accepts(address, port)) {
                return;
            }
            if (!alive.getAsBoolean()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "instance " + instance
                        + " exited before it listened on port " + port + "; its log says why");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "instance " + instance + " did not listen on"
                        + " port " + port + " within " + within.toSeconds() + " s (start_timeout); it must listen on"
                        + " the port in PM_PORT, or raise start_timeout");
            }
            pause();
        }
    }

    /** Returns when the instance has stayed alive for the whole period; throws if it dies first. */
    public static void awaitStaying(String instance, Duration period, BooleanSupplier alive) {
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!alive.getAsBoolean()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "instance " + instance + " exited within its"
                        + " first " + period.toSeconds() + " s (standalone_wait); its log says why");
            }
            pause();
        }
        if (!alive.getAsBoolean()) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "instance " + instance + " exited within its first "
                    + period.toSeconds() + " s (standalone_wait); its log says why");
        }
    }

    /** Whether something accepts a TCP connection on the port of this machine. */
    public static boolean accepts(int port) {
        return accepts("127.0.0.1", port);
    }

    /** Whether something accepts a TCP connection on the port of the address. */
    public static boolean accepts(String address, int port) {
        try (Socket socket = boundAwayFrom(port)) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A socket on a local port other than the one it will ask. The instances' ports (42600-42699 by
     * default, as the original's) lie in Linux's ephemeral range, and a connection to a local port that
     * nothing listens on, made from that same port, connects to itself (TCP's simultaneous open): the
     * probe would see an instance listening that had not started, or had died, and hold the port it
     * was about to bind. The port found taken is kept until the next is bound, so it is not given again.
     */
    private static Socket boundAwayFrom(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(null);
            if (socket.getLocalPort() != port) {
                return socket;
            }
            Socket another = boundAwayFrom(port);
            socket.close();
            return another;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void pause() {
        LockSupport.parkNanos(POLL.toNanos());
        if (Thread.currentThread().isInterrupted()) {
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted while waiting for an instance to start");
        }
    }
}
