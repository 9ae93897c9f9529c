package org.paasmaker.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.lease.LocalLeases;

/**
 * Two controllers' queues on one store's leases: a job of an application submitted through the second
 * waits for the first's job of that application, in a step that names the first, and runs once that
 * job ends, or once the first stops renewing its turn (it died) and the turn expires; another
 * application's job does not wait.
 */
class ApplicationTurnsTest {

    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ApplicationId SHOP = new ApplicationId(7);
    private static final ApplicationId BLOG = new ApplicationId(8);

    @TempDir
    Path temp;

    private final LeaseRepository leases = new LocalLeases(Clock.systemUTC());
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch firstMayEnd = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        firstMayEnd.countDown();
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aJobWaitsForTheOtherControllersJobOfItsApplicationThenRuns() throws Exception {
        try (Controller a = new Controller("a"); Controller b = new Controller("b")) {
            JobId first = a.enqueue(SHOP, "deploy through a", () -> hold(firstMayEnd));
            await().atMost(DEADLINE).until(() -> a.jobs.get(first).state() == JobState.RUNNING);
            AtomicBoolean secondRan = new AtomicBoolean();
            JobId second = b.enqueue(SHOP, "stop through b", () -> secondRan.set(true));
            JobId other = b.enqueue(BLOG, "deploy another application through b", () -> { });

            await().atMost(DEADLINE).until(() -> b.jobs.get(other).state() == JobState.SUCCESS);
            await().atMost(DEADLINE).until(() -> titles(b.jobs.get(second)).contains(
                    "Wait for this application's job on another controller"));
            JobView waiting = b.jobs.get(second).children().get(0);
            assertThat(b.jobs.log(waiting.id())).contains("Controller a runs a job of this application");
            assertThat(secondRan).isFalse();

            firstMayEnd.countDown();
            await().atMost(DEADLINE).until(() -> b.jobs.get(second).state() == JobState.SUCCESS);
            assertThat(secondRan).isTrue();
            assertThat(a.jobs.get(first).state()).isEqualTo(JobState.SUCCESS);
        }
    }

    @Test
    void aDeadControllersTurnExpiresAndTheWaitingJobRuns() throws Exception {
        try (Controller a = new Controller("a"); Controller b = new Controller("b")) {
            JobId first = a.enqueue(SHOP, "deploy through a, which dies", () -> hold(firstMayEnd));
            await().atMost(DEADLINE).until(() -> a.jobs.get(first).state() == JobState.RUNNING);
            JobId second = b.enqueue(SHOP, "stop through b", () -> { });
            await().atMost(DEADLINE).until(() -> titles(b.jobs.get(second)).size() == 1);
            assertThat(b.jobs.get(second).state()).isEqualTo(JobState.RUNNING);

            // a dies: its renewals stop while its job, in its memory, never ends.
            a.turns.close();
            await().atMost(DEADLINE).until(() -> b.jobs.get(second).state() == JobState.SUCCESS);
            assertThat(a.jobs.get(first).state()).isEqualTo(JobState.RUNNING);
        }
    }

    private static List<String> titles(JobView root) {
        return root.children().stream().map(JobView::title).toList();
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the job end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One controller's job manager and queues, taking turns through the shared leases. */
    private final class Controller implements AutoCloseable {
        final JobManager jobs;
        final ApplicationQueues queues;
        final ApplicationTurns turns;

        Controller(String name) {
            jobs = new JobManager(temp.resolve(name), Clock.systemUTC(), threads);
            queues = new ApplicationQueues(jobs);
            turns = new ApplicationTurns(leases, name, TTL, warning -> { });
            queues.takeTurnsThrough(turns);
        }

        JobId enqueue(ApplicationId application, String title, Runnable work) {
            return queues.enqueue(application, jobs.createRoot(title, Map.of()), work);
        }

        @Override
        public void close() {
            queues.close();
            jobs.close();
        }
    }
}
