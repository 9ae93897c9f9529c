package org.paasmaker.engine.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.engine.store.InMemoryStore;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/** The publisher and the routers that follow it: each table goes to both, numbered above what any serves. */
class RoutePublisherFeedTest {

    private final Router router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
    private final RouteFeed feed = new RouteFeed(Clock.systemUTC());
    private final List<String> warnings = new ArrayList<>();
    private final RoutePublisher publisher = new RoutePublisher(new InMemoryStore(), version -> {
        throw new AssertionError("no version to read");
    }, "localhost", router, feed, Duration.ofSeconds(5), node -> "127.0.0.1", List::of, warnings::add);

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void aControllerThatLostItsGenerationsNumbersItsTableAboveTheOnesItsFollowersServe() throws Exception {
        publisher.changed();
        assertThat(router.table().generation()).isEqualTo(1);
        assertThat(feed.latest()).isEqualTo(router.table());

        // A follower of the controller this one replaced, with a data directory of its own.
        assertThat(feed.poll("edge", 500, 0, Duration.ZERO)).isEmpty();
        publisher.maintain();

        assertThat(router.table().generation()).isEqualTo(501);
        assertThat(feed.poll("edge", 500, 0, Duration.ZERO)).contains(router.table());
        publisher.maintain();
        assertThat(router.table().generation()).as("nothing to catch up with any more").isEqualTo(501);
        assertThat(warnings).isEmpty();
    }
}
