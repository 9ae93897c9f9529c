package org.paasmaker.engine.routes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.engine.cluster.Exchanges;

/**
 * {@code POST /cluster/v1/routes/drain}, the instance ids one a line: another controller sharing the
 * store is about to stop them and asks the leader to drain them from the routers that follow it. The
 * leader answers 204 once its followers no longer route to them (within its drain limit); a controller
 * that does not lead answers 503, as its feed does. Behind the node token, as every cluster path.
 */
public final class RouteDrainHandler implements HttpHandler {

    private final RoutePublisher publisher;
    private final Supplier<Optional<String>> notLeading;

    public RouteDrainHandler(RoutePublisher publisher, Supplier<Optional<String>> notLeading) {
        this.publisher = publisher;
        this.notLeading = notLeading;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new PaasmakerException(ErrorCode.NOT_FOUND, "the drains are asked for with POST " + LeaderDrains.PATH);
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Optional<String> elsewhere = notLeading.get();
        if (elsewhere.isPresent()) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, elsewhere.get());
        }
        Set<InstanceId> leaving = new LinkedHashSet<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                leaving.add(new InstanceId(line.strip()));
            }
        }
        publisher.drain(leaving);
        Exchanges.noContent(exchange);
    }
}
