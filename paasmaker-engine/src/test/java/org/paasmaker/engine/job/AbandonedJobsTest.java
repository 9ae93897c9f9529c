package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;
import org.paasmaker.engine.lease.Leadership;
import org.paasmaker.engine.lease.LocalLeases;
import org.paasmaker.engine.store.InMemoryStore;

/** The leader's look over the unfinished trees, on a store clock the test moves. */
class AbandonedJobsTest {

    private static final Duration TTL = Duration.ofSeconds(6);
    private static final Instant START = Instant.parse("2026-12-06T08:00:00Z");

    private final AtomicLong millis = new AtomicLong(START.toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    private final LocalLeases leases = new LocalLeases(clock);
    private final JobRepository jobs = new InMemoryStore().jobs();
    private final List<String> said = new ArrayList<>();

    @Test
    void endsTheTreesOfAControllerOnlyOnceItsLeaseExpiredAndNeverItsOwn() {
        leases.acquire(Leadership.presence("a#1"), "a#1", TTL);
        leases.acquire(Leadership.presence("b#2"), "b#2", TTL);
        JobTree first = running("a#1");
        JobTree second = running("a#1");
        JobTree own = running("b#2");
        JobTree done = new JobTree(root(JobState.SUCCESS), "a#1", "/logs");
        List.of(first, second, own, done).forEach(jobs::save);
        AbandonedJobs looking = new AbandonedJobs(jobs, leases, "b#2", TTL, clock, said::add);

        assertThat(looking.round()).as("a is alive").isZero();
        millis.addAndGet(TTL.toMillis() + 1);
        leases.acquire(Leadership.presence("b#2"), "b#2", TTL);
        assertThat(looking.round()).isEqualTo(2);

        String why = "controller a#1, which ran this job, stopped answering (its lease expired at "
                + START.plus(TTL) + "); ended by controller b#2";
        for (JobTree tree : List.of(first, second)) {
            JobView ended = jobs.holding(tree.root().id()).orElseThrow().root();
            assertThat(ended.state()).isEqualTo(JobState.FAILED);
            assertThat(ended.summary()).isEqualTo(why);
            assertThat(ended.children().get(0).state()).isEqualTo(JobState.FAILED);
            assertThat(ended.children().get(1).state()).as("a step that never ran").isEqualTo(JobState.ABORTED);
            assertThat(jobs.holding(tree.root().id()).orElseThrow().controller()).isEqualTo("a#1");
        }
        assertThat(jobs.unfinished()).containsExactly(own);
        assertThat(jobs.holding(done.root().id())).contains(done);
        assertThat(said).hasSize(2).allSatisfy(line -> assertThat(line).contains(why));
        assertThat(leases.acquire(Leadership.presence("a#1"), "a#1", TTL).heldBy("a#1"))
                .as("a may take its lease again: b only held it to look").isTrue();
    }

    private static JobTree running(String controller) {
        return new JobTree(root(JobState.RUNNING), controller, "/logs");
    }

    private static JobView root(JobState state) {
        JobId id = JobId.random();
        boolean finished = state.finished();
        JobView step = new JobView(JobId.random(), Optional.of(id), "Build", finished ? JobState.SUCCESS : JobState.RUNNING,
                "", Map.of(), Optional.empty(), START, Optional.of(START), finished ? Optional.of(START) : Optional.empty(),
                List.of());
        JobView next = new JobView(JobId.random(), Optional.of(id), "Pack", finished ? JobState.SUCCESS : JobState.WAITING,
                "", Map.of(), Optional.empty(), START, finished ? Optional.of(START) : Optional.empty(),
                finished ? Optional.of(START) : Optional.empty(), List.of());
        return new JobView(id, Optional.empty(), "Prepare", state, "", Map.of(), Optional.of("alice"), START,
                Optional.of(START), finished ? Optional.of(START) : Optional.empty(), List.of(step, next));
    }
}
