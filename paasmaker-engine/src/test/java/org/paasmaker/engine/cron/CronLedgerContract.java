package org.paasmaker.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.store.CronLedgerRepository;

/** What every crons' ledger must do: advance only from the slot its caller read. */
public abstract class CronLedgerContract {

    private static final String KEY = "app-7/web/0";
    private static final Instant FIVE = Instant.parse("2025-06-02T12:05:00Z");
    private static final Instant TEN = Instant.parse("2025-06-02T12:10:00Z");

    protected CronLedgerRepository ledger;

    protected abstract CronLedgerRepository newLedger();

    @BeforeEach
    void createLedger() {
        ledger = newLedger();
    }

    @Test
    void advancesFromTheSlotItsCallerReadAndNoOtherwise() {
        assertThat(ledger.lastHandled(KEY)).isEmpty();
        assertThat(ledger.advance(KEY, Optional.of(FIVE), TEN)).as("from a slot it never had").isFalse();
        assertThat(ledger.advance(KEY, Optional.empty(), FIVE)).isTrue();
        assertThat(ledger.lastHandled(KEY)).contains(FIVE);
        assertThat(ledger.advance(KEY, Optional.empty(), TEN)).as("from nothing, once it has a slot").isFalse();
        assertThat(ledger.advance(KEY, Optional.of(FIVE), TEN)).isTrue();
        assertThat(ledger.advance(KEY, Optional.of(FIVE), TEN)).as("the same step twice").isFalse();
        assertThat(ledger.lastHandled(KEY)).contains(TEN);
        assertThat(ledger.lastHandled("app-7/web/1")).isEmpty();
    }

    @Test
    void ofManyAdvancingFromTheSameSlotAtOnceExactlyOneDoes() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            for (Optional<Instant> from : List.of(Optional.<Instant>empty(), Optional.of(FIVE))) {
                Instant to = from.isEmpty() ? FIVE : TEN;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    answers.add(threads.submit(() -> {
                        start.await();
                        return ledger.advance(KEY, from, to);
                    }));
                }
                start.countDown();
                int advanced = 0;
                for (Future<Boolean> answer : answers) {
                    advanced += answer.get() ? 1 : 0;
                }
                assertThat(advanced).as("advanced from %s", from).isOne();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
