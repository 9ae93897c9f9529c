package org.paasmaker.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.TestPorts;

class ReadinessTest {

    @Test
    void anInstanceListeningOnItsPortIsReady() throws IOException {
        try (ServerSocket listening = new ServerSocket()) {
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            Readiness.awaitListening("web-1", listening.getLocalPort(), Duration.ofSeconds(10), () -> true);
            assertThat(Readiness.accepts(listening.getLocalPort())).isTrue();
        }
    }

    @Test
    void aProbeNeverTakesItsOwnConnectionForAnInstance() throws IOException {
        // An even port of the kernel's ephemeral range, where nothing listens, as an instance's port is before
        // its process binds it: Linux gives connections even ports first, and the old probe, connecting from
        // whatever port the kernel gave, reached itself on such a port about once in 100,000 tries here.
        int port = freeEvenPort();
        int tries = 300_000;
        long connected = IntStream.range(0, tries).filter(i -> Readiness.accepts(port)).count();
        assertThat(connected).as("connections accepted on port %d, where nothing listens, in %d tries", port, tries)
                .isZero();
    }

    @Test
    void anInstanceThatNeverListensFailsAtItsDeadlineNamingPortAndLimit() {
        int port = TestPorts.free();
        assertThatThrownBy(() -> Readiness.awaitListening("web-1", port, Duration.ofMillis(300), () -> true))
                .isInstanceOf(PaasmakerException.class)
                .hasMessage("instance web-1 did not listen on port " + port + " within 0 s (start_timeout); it must"
                        + " listen on the port in PM_PORT, or raise start_timeout");
    }

    @Test
    void anInstanceThatDiesFailsAtOnce() {
        int port = TestPorts.free();
        assertThatThrownBy(() -> Readiness.awaitListening("web-1", port, Duration.ofHours(1), () -> false))
                .hasMessage("instance web-1 exited before it listened on port " + port + "; its log says why");
        assertThatThrownBy(() -> Readiness.awaitStaying("worker-1", Duration.ofHours(1), () -> false))
                .hasMessage("instance worker-1 exited within its first 3600 s (standalone_wait); its log says why");
    }

    @Test
    void aStandaloneInstanceThatStaysUpIsReady() {
        Readiness.awaitStaying("worker-1", Duration.ofMillis(200), () -> true);
    }

    /** A free port is odd (Linux gives bind(0) odd ports first); the one below it, when free too. */
    private static int freeEvenPort() throws IOException {
        while (true) {
            int port = TestPorts.free() & ~1;
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // another try
            }
        }
    }
}
