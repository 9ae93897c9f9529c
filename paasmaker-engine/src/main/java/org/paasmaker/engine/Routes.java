package org.paasmaker.engine;

import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.routes.RouteFeed;
import org.paasmaker.engine.routes.RoutePublisher;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;

/** The engine's router views: the routing table it serves and the traffic it has seen. */
public final class Routes {

    private final Optional<RoutePublisher> publisher;

    Routes(Optional<RoutePublisher> publisher) {
        this.publisher = publisher;
    }

    /** Whether this engine keeps a router; without one, instances answer on their own ports only. */
    public boolean enabled() {
        return publisher.isPresent();
    }

    /**
     * The tables for routers on other machines to follow (the cluster server serves it with a
     * {@link org.paasmaker.engine.routes.RouteFeedHandler}).
     */
    public RouteFeed feed() {
        return router().feed();
    }

    /** The port the router listens on. */
    public int port() {
        return router().port();
    }

    /** The table the router serves now: each hostname with the instances it is sent to. */
    public RoutingTable table() {
        return router().table();
    }

    /** Requests, bytes, status classes and latency percentiles per application, version and instance. */
    public RouterStatistics statistics() {
        return router().statistics();
    }

    private RoutePublisher router() {
        return publisher.orElseThrow(() -> new PaasmakerException(ErrorCode.CONFLICT,
                "this engine runs no router; build it with a router (Paasmaker.builder().routerProcess(port))"));
    }
}
