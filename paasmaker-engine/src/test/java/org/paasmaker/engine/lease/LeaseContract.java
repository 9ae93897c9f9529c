package org.paasmaker.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;

/**
 * What every {@link LeaseRepository} must do, judged by its own clock: leases expire in real time
 * here, since a database's clock cannot be shifted.
 */
public abstract class LeaseContract {

    private static final Duration LONG = Duration.ofMinutes(1);
    private static final Duration SHORT = Duration.ofMillis(300);

    protected LeaseRepository leases;

    protected abstract LeaseRepository newLeases();

    @BeforeEach
    void createLeases() {
        leases = newLeases();
    }

    @Test
    void theFirstToAskTakesTheLeaseAndOthersSeeItHeld() {
        assertThat(leases.find("controller")).isEmpty();
        Lease taken = leases.acquire("controller", "a", LONG);
        assertThat(taken.holder()).isEqualTo("a");
        assertThat(taken.term()).isEqualTo(1);

        Lease seen = leases.acquire("controller", "b", LONG);
        assertThat(seen.holder()).isEqualTo("a");
        assertThat(seen.term()).isEqualTo(1);
        assertThat(leases.find("controller")).hasValueSatisfying(lease -> assertThat(lease.holder()).isEqualTo("a"));
        assertThat(leases.acquire("other", "b", LONG).holder()).as("another lease").isEqualTo("b");
    }

    @Test
    void aRenewalKeepsTheTermAndMovesTheExpiry() {
        Lease first = leases.acquire("controller", "a", SHORT);
        Lease renewed = leases.acquire("controller", "a", LONG);
        assertThat(renewed.term()).isEqualTo(first.term());
        assertThat(renewed.expiresAt()).isAfter(first.expiresAt());
    }

    @Test
    void anExpiredLeasePassesToTheNextWhoAsksInANewTerm() {
        leases.acquire("controller", "a", SHORT);
        await().atMost(Duration.ofSeconds(10)).until(() -> leases.acquire("controller", "b", LONG).heldBy("b"));
        Lease taken = leases.find("controller").orElseThrow();
        assertThat(taken.term()).isEqualTo(2);
        assertThat(leases.acquire("controller", "a", LONG).holder()).as("the old holder, come back").isEqualTo("b");
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndOnlyItsHolderCanReleaseIt() {
        leases.acquire("controller", "a", LONG);
        leases.release("controller", "b");
        assertThat(leases.acquire("controller", "b", LONG).holder()).isEqualTo("a");

        leases.release("controller", "a");
        Lease taken = leases.acquire("controller", "b", LONG);
        assertThat(taken.holder()).isEqualTo("b");
        assertThat(taken.term()).isEqualTo(2);
        leases.release("never-taken", "a");
        assertThat(leases.find("never-taken")).isEmpty();
    }

    @Test
    void aControllerWithALongNameHoldsTheLeaseOnItsName() {
        String holder = "controller-" + "x".repeat(180) + "#1a2b3c4d";
        Lease taken = leases.acquire(Leadership.presence(holder), holder, LONG);
        assertThat(taken.name()).isEqualTo(Leadership.presence(holder));
        assertThat(leases.find(Leadership.presence(holder))).hasValueSatisfying(lease ->
                assertThat(lease.holder()).isEqualTo(holder));
    }

    @Test
    void ofManyAskingAtOnceExactlyOneHoldsTheLease() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Lease>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "controller-" + i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return leases.acquire("controller", holder, LONG);
                }));
            }
            start.countDown();
            Set<String> holders = ConcurrentHashMap.newKeySet();
            for (Future<Lease> answer : answers) {
                holders.add(answer.get().holder());
            }
            assertThat(holders).hasSize(1);
            assertThat(leases.find("controller").orElseThrow().term()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
