package org.paasmaker.router;

import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterWebSocketTest {

    @Test
    void aWebSocketUpgradePassesThroughAndFramesFlowBothWays() throws Exception {
        try (Closer closer = new Closer()) {
            WebSocketEchoBackend backend = closer.add(new WebSocketEchoBackend());
            Router router = closer.add(Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"),
                    RoutingTable.of(1, List.of(Route.of("*",
                            List.of(new RouteTarget("127.0.0.1", backend.port(), "chat", 1, "i-1")))))));
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + "/chat"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            webSocket.request(1);
                            return CompletableFuture.completedFuture(null);
                        }
                    })
                    .get(20, TimeUnit.SECONDS);

            socket.sendText("hello", true).get(20, TimeUnit.SECONDS);
            assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("echo: hello");
            socket.sendText("again", true).get(20, TimeUnit.SECONDS);
            assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("echo: again");

            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(20, TimeUnit.SECONDS);
        }
    }
}
