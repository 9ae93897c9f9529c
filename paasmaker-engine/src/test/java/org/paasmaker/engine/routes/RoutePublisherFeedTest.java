package org.paasmaker.engine.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.engine.store.InMemoryStore;
import org.paasmaker.router.Router;
import org.paasmaker.router.RouterSettings;

/** The publisher and the routers that follow it: each table goes to both, numbered above what any serves. */
class RoutePublisherFeedTest {

    private static final long IN_TERM_1 = 1L << 32;

    private final Router router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
    private final RouteFeed feed = new RouteFeed(Clock.systemUTC());
    private final List<String> warnings = new ArrayList<>();
    /** The lease's term this controller holds. */
    private final AtomicLong term = new AtomicLong(1);
    private final RoutePublisher publisher = new RoutePublisher(new InMemoryStore(), version -> {
        throw new AssertionError("no version to read");
    }, "localhost", router, feed, Duration.ofSeconds(5), node -> "127.0.0.1", List::of, term::get, warnings::add);

    @AfterEach
    void stop() {
        publisher.close();
        router.close();
    }

    @Test
    void aControllerThatLostItsGenerationsNumbersItsTableAboveTheOnesItsFollowersServe() throws Exception {
        publisher.changed();
        assertThat(router.table().generation()).as("the first of term 1").isEqualTo(IN_TERM_1 + 1);
        assertThat(feed.latest()).isEqualTo(router.table());

        // A follower of the controller this one replaced, with a data directory of its own.
        assertThat(feed.poll("edge", IN_TERM_1 + 500, 0, Duration.ZERO)).isEmpty();
        publisher.maintain();

        assertThat(router.table().generation()).isEqualTo(IN_TERM_1 + 501);
        assertThat(feed.poll("edge", IN_TERM_1 + 500, 0, Duration.ZERO)).contains(router.table());
        publisher.maintain();
        assertThat(router.table().generation()).as("nothing to catch up with any more").isEqualTo(IN_TERM_1 + 501);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aTableOfALaterTermOutranksEveryTableOfEarlierTermsAndGoesOutWhenTheTermChanges() throws Exception {
        publisher.changed();
        // Routers that followed the leader of term 1 serve its tables, numbered far along that term.
        assertThat(feed.poll("edge", IN_TERM_1 + 70_000, 0, Duration.ZERO)).isEmpty();
        publisher.refresh();
        assertThat(router.table().generation()).isEqualTo(IN_TERM_1 + 70_001);
        publisher.refresh();
        assertThat(router.table().generation()).as("the same routes: nothing sent").isEqualTo(IN_TERM_1 + 70_001);

        // This controller takes the lease in term 2: the same routes go out again, above all of term 1.
        term.set(2);
        publisher.refresh();

        assertThat(router.table().generation()).isEqualTo((2L << 32) + 1);
        assertThat(feed.poll("edge", IN_TERM_1 + 70_001, 0, Duration.ZERO)).contains(router.table());
        publisher.refresh();
        assertThat(router.table().generation()).isEqualTo((2L << 32) + 1);
    }
}
