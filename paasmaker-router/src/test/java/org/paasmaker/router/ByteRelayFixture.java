package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import org.paasmaker.api.routing.RoutingTable;

/**
 * What the tests of {@link ByteRelayHandler} over real sockets share: a router with one event loop (so
 * that every client connection shares one pool and reuse is deterministic) routing {@code app.com} to
 * scripted instances, everything closed after each test, and no buffer leaked.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ByteRelayFixture {

    private static NettyLeaks leaks;

    final Closer closer = new Closer();

    @BeforeAll
    static void watchLeaks() {
        leaks = NettyLeaks.watch();
    }

    @AfterAll
    static void stopWatching() {
        leaks.close();
    }

    @AfterEach
    void closeEverythingAndLookForLeaks() {
        closer.close();
        assertThat(leaks.reported()).as("buffers never released").isEmpty();
    }

    ScriptedBackend backend(ScriptedBackend.Script script) throws IOException {
        return closer.add(new ScriptedBackend(script));
    }

    static RouterSettings settings() {
        return RouterSettings.onPort(0).withBindAddress("127.0.0.1").withEventLoops(1);
    }

    Router router(ScriptedBackend backend) {
        return router(settings(), backend.target("i-1"));
    }

    Router router(RouterSettings settings, RouteTarget... targets) {
        return closer.add(Router.start(settings, RoutingTable.of(1, List.of(Route.of("app.com", List.of(targets))))));
    }

    ByteClient client(Router router) throws IOException {
        return closer.add(new ByteClient(router.port()));
    }

    /** A 200 with a Content-Length. */
    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    static int freePortNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
