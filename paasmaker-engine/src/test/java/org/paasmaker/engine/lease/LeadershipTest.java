package org.paasmaker.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;

/** Two controllers' leaderships on one store, their renewals driven by hand on clocks the test moves. */
class LeadershipTest {

    private static final LeaseSettings SETTINGS = new LeaseSettings(Duration.ofSeconds(6));

    private final AtomicLong storeMillis = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Clock storeClock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(storeMillis.get());
        }
    };
    private final Unreachable store = new Unreachable(new LocalLeases(storeClock));
    private final List<String> said = new CopyOnWriteArrayList<>();

    @Test
    void oneLeadsTheOtherTakesOverOnlyOnceTheLeaseRanOut() {
        Leadership a = leadership("a");
        Leadership b = leadership("b");
        a.renew();
        b.renew();
        assertThat(a.leads()).isTrue();
        assertThat(b.leads()).isFalse();
        assertThat(a.term()).isEqualTo(1);
        assertThat(b.leader()).as("the leader b knows, for the routers it turns away").isEqualTo(a.holder());

        // a dies: b asks again and again, and takes the lease only once it has run out by the store's clock.
        pass(Duration.ofSeconds(5));
        b.renew();
        assertThat(b.leads()).isFalse();
        pass(Duration.ofSeconds(2));
        b.renew();
        assertThat(b.leads()).isTrue();
        assertThat(b.leader()).isEqualTo(b.holder());
        assertThat(b.term()).isEqualTo(2);
        assertThat(a.leads()).as("a's own clock has run past its lease too").isFalse();

        // a comes back: it learns it no longer leads, and says so.
        a.renew();
        assertThat(a.leads()).isFalse();
        assertThat(said).anySatisfy(line -> assertThat(line).contains("(a) no longer leads").contains("b holds"));
    }

    @Test
    void aLeaderThatCannotReachTheStoreStopsLeadingWhenItsLeaseRunsOutNotBefore() {
        Leadership a = leadership("a");
        a.renew();
        store.down.set(true);
        pass(Duration.ofSeconds(5));
        a.renew();
        assertThat(a.leads()).as("a renewal failed, but the lease holds").isTrue();
        pass(Duration.ofSeconds(1));
        assertThat(a.leads()).isFalse();
        assertThat(said).anySatisfy(line -> assertThat(line).contains("could not be renewed").contains("store down"));

        store.down.set(false);
        a.renew();
        assertThat(a.leads()).as("nobody took it meanwhile: a takes it again").isTrue();
    }

    @Test
    void closingGivesTheLeaseUpAtOnce() {
        Leadership a = leadership("a");
        Leadership b = leadership("b");
        a.renew();
        a.close();
        assertThat(a.leads()).isFalse();
        b.renew();
        assertThat(b.leads()).isTrue();
    }

    @Test
    void aDutysRoundsAskWhetherItLeadsAndTheFirstRoundOfEachTermIsLogged() {
        Leadership a = leadership("a");
        Leadership b = leadership("b");
        BooleanSupplier aRounds = a.rounds("health rounds");
        BooleanSupplier bRounds = b.rounds("health rounds");
        a.renew();
        b.renew();
        assertThat(aRounds.getAsBoolean()).isTrue();
        assertThat(aRounds.getAsBoolean()).isTrue();
        assertThat(bRounds.getAsBoolean()).isFalse();
        assertThat(said).filteredOn(line -> line.contains("starts its"))
                .containsExactly("This controller (a) starts its health rounds in term 1.");

        pass(Duration.ofSeconds(7));
        b.renew();
        assertThat(aRounds.getAsBoolean()).isFalse();
        assertThat(bRounds.getAsBoolean()).isTrue();
        assertThat(bRounds.getAsBoolean()).isTrue();
        assertThat(said).filteredOn(line -> line.contains("starts its")).containsExactly(
                "This controller (a) starts its health rounds in term 1.",
                "This controller (b) starts its health rounds in term 2.");
    }

    @Test
    void eachControllerHoldsTheLeaseOnItsOwnNameWhileItRenewsAndGivesItUpWhenItCloses() {
        Leadership a = leadership("a");
        Leadership b = leadership("b");
        a.renew();
        b.renew();
        assertThat(store.find(Leadership.presence("a")).orElseThrow().holder()).isEqualTo("a");
        assertThat(store.find(Leadership.presence("b")).orElseThrow().holder()).isEqualTo("b");

        pass(Duration.ofSeconds(7));
        assertThat(store.acquire(Leadership.presence("a"), "b", SETTINGS.ttl()).holder())
                .as("a stopped renewing: its lease ran out").isEqualTo("b");
        store.release(Leadership.presence("a"), "b");

        b.close();
        assertThat(store.acquire(Leadership.presence("b"), "a", SETTINGS.ttl()).holder())
                .as("b gave its lease up").isEqualTo("a");
    }

    @Test
    void aControllerWhoseLeaseOnItsNamePassedToAnotherHearsOfItOnce() {
        List<String> lost = new CopyOnWriteArrayList<>();
        Leadership a = leadership("a").whenPresenceLost(() -> lost.add("a"));
        a.renew();
        pass(Duration.ofSeconds(5));
        a.renew();
        pass(Duration.ofSeconds(7));
        a.renew();
        assertThat(lost).as("its lease ran out, but nobody took it: nothing was done in its name").isEmpty();

        pass(Duration.ofSeconds(7));
        store.acquire(Leadership.presence("a"), "b", SETTINGS.ttl());
        store.release(Leadership.presence("a"), "b");
        a.renew();
        a.renew();
        assertThat(lost).containsExactly("a");
    }

    private Leadership leadership(String holder) {
        return new Leadership(store, holder, SETTINGS, nanos::get, said::add);
    }

    private void pass(Duration time) {
        storeMillis.addAndGet(time.toMillis());
        nanos.addAndGet(time.toNanos());
    }

    /** The store, or a store that cannot be reached. */
    private static final class Unreachable implements LeaseRepository {
        final AtomicBoolean down = new AtomicBoolean();
        private final LeaseRepository store;

        Unreachable(LeaseRepository store) {
            this.store = store;
        }

        @Override
        public Lease acquire(String name, String holder, Duration ttl) {
            if (down.get()) {
                throw new IllegalStateException("store down");
            }
            return store.acquire(name, holder, ttl);
        }

        @Override
        public void release(String name, String holder) {
            store.release(name, holder);
        }

        @Override
        public Optional<Lease> find(String name) {
            return store.find(name);
        }
    }
}
