package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobTree;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.lease.Leadership;

/**
 * A store shared by controllers, as the leader sees it: a controller's running tree is ended once the
 * lease on its name has expired by the store's own clock, and not before.
 */
public abstract class AbandonedJobsContract {

    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofMinutes(5);

    protected Store store;

    /** A store that shares its leases ({@link Store#leases()} is present). */
    protected abstract Store newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void aRunningTreeEndsOnceItsControllersLeaseHasExpiredByTheStoresClock() {
        LeaseRepository leases = store.leases().orElseThrow();
        Lease alive = leases.acquire(Leadership.presence("a#1"), "a#1", SHORT);
        leases.acquire(Leadership.presence("c#3"), "c#3", LONG);
        JobTree dying = running("a#1");
        JobTree living = running("c#3");
        store.jobs().save(dying);
        store.jobs().save(living);
        AbandonedJobs leader = new AbandonedJobs(store.jobs(), leases, "b#2", LONG, Clock.systemUTC(), line -> { });

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> leader.round() == 1);

        JobView ended = store.jobs().holding(dying.root().id()).orElseThrow().root();
        assertThat(ended.state()).isEqualTo(JobState.FAILED);
        assertThat(ended.summary()).isEqualTo("controller a#1, which ran this job, stopped answering (its lease expired at "
                + alive.expiresAt() + "); ended by controller b#2");
        assertThat(store.jobs().unfinished()).containsExactly(living);
        assertThat(leader.round()).as("nothing more to end").isZero();
        assertThat(leases.acquire(Leadership.presence("a#1"), "a#1", SHORT).heldBy("a#1"))
                .as("the leader gave a's lease back at once").isTrue();
    }

    private static JobTree running(String controller) {
        JobId id = JobId.random();
        Instant now = Instant.now();
        JobView step = new JobView(JobId.random(), Optional.of(id), "Build", JobState.RUNNING, "", Map.of(),
                Optional.of("alice"), now, Optional.of(now), Optional.empty(), List.of());
        return new JobTree(new JobView(id, Optional.empty(), "Prepare", JobState.RUNNING, "", Map.of(),
                Optional.of("alice"), now, Optional.of(now), Optional.empty(), List.of(step)), controller, "/logs");
    }
}
