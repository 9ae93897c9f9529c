package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.lease.Leadership;

/** The store on an embedded Derby, which no other controller can open while this one has it. */
class JpaStoreAloneTest {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @AfterEach
    void shutDown() {
        derby.close();
    }

    @Test
    void anEngineOnAStoreAloneLeadsWithoutWritingALeaseAndKeepsItsCronLedgerInTheDatabase() {
        derby = new EmbeddedDerby(directory);
        JpaStore alone = JpaStore.alone(derby.openFactory());
        assertThat(alone.leases()).isEmpty();
        assertThat(alone.cronLedger()).isPresent();

        try (Paasmaker engine = Paasmaker.builder().home(directory.resolve("home")).store(alone).localNode(false)
                .build()) {
            assertThat(engine.leadership().leads()).isTrue();
            JpaStore shared = new JpaStore(derby.openFactory());
            assertThat(shared.leases()).hasValueSatisfying(leases -> assertThat(leases.find(Leadership.LEASE))
                    .as("the controller's lease in the database").isEmpty());
        }
    }

    @Test
    void anEngineOnASharedStoreTakesTheLeaseThere() {
        derby = new EmbeddedDerby(directory);
        JpaStore shared = derby.openStore();

        try (Paasmaker engine = Paasmaker.builder().home(directory.resolve("home")).store(shared).localNode(false)
                .build()) {
            assertThat(engine.leadership().leads()).isTrue();
            assertThat(shared.leases()).hasValueSatisfying(leases -> assertThat(leases.find(Leadership.LEASE))
                    .hasValueSatisfying(lease -> assertThat(lease.holder()).isEqualTo(engine.leadership().holder())));
        }
    }
}
