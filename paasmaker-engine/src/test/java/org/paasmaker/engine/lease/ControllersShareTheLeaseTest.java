package org.paasmaker.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.ServiceRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.store.WorkspaceRepository;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.store.InMemoryStore;

/**
 * Two engines on one store and one set of leases, as two controllers on one database are: one leads
 * at a time, and the other takes over when the first stops (at once: it gives the lease up) or dies
 * (once the lease runs out).
 */
class ControllersShareTheLeaseTest {

    @TempDir
    Path temp;

    @Test
    void oneLeadsAtATimeAndTheOtherTakesOverWhenItStops() {
        LeaseRepository leases = new LocalLeases(Clock.systemUTC());
        Store store = new SharedStore(new InMemoryStore(), leases);
        LeaseSettings settings = new LeaseSettings(Duration.ofSeconds(2));
        try (Paasmaker first = engine(store, leases, settings, "first");
                Paasmaker second = engine(store, leases, settings, "second")) {
            assertThat(first.leadership().leads()).isTrue();
            assertThat(second.leadership().leads()).isFalse();
            long term = first.leadership().term();

            first.close();

            await("the second controller to lead").atMost(Duration.ofSeconds(10))
                    .until(() -> second.leadership().leads());
            assertThat(first.leadership().leads()).isFalse();
            assertThat(second.leadership().term()).isEqualTo(term + 1);
            assertThat(leases.find(Leadership.LEASE).orElseThrow().holder()).isEqualTo(second.leadership().holder());
        }
    }

    private Paasmaker engine(Store store, LeaseRepository leases, LeaseSettings settings, String name) {
        return Paasmaker.builder().home(temp.resolve(name)).store(store).lease(settings).build();
    }

    /** The in-memory store with leases its engines share, as a database's are. */
    private record SharedStore(InMemoryStore records, LeaseRepository shared) implements Store {

        @Override
        public WorkspaceRepository workspaces() {
            return records.workspaces();
        }

        @Override
        public ApplicationRepository applications() {
            return records.applications();
        }

        @Override
        public VersionRepository versions() {
            return records.versions();
        }

        @Override
        public ServiceRepository services() {
            return records.services();
        }

        @Override
        public InstanceRepository instances() {
            return records.instances();
        }

        @Override
        public JobRepository jobs() {
            return records.jobs();
        }

        @Override
        public Optional<LeaseRepository> leases() {
            return Optional.of(shared);
        }
    }
}
