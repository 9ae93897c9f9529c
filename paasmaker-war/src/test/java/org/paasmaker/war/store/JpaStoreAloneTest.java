package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.lease.Leadership;

/** The store on an embedded Derby, which no other controller can open while this one has it. */
class JpaStoreAloneTest {

    @TempDir
    Path directory;

    @Test
    void anEngineOnAStoreAloneLeadsWithoutWritingALeaseAndKeepsItsCronLedgerInTheDatabase() {
        try (EmbeddedDerby derby = new EmbeddedDerby(directory)) {
            JpaStore alone = JpaStore.alone(derby.openFactory());
            assertThat(alone.leases()).isEmpty();
            assertThat(alone.cronLedger()).isPresent();

            try (Paasmaker engine = engineOn(alone)) {
                assertThat(engine.leadership().leads()).isTrue();
                assertThat(derby.openStore().leases()).hasValueSatisfying(leases ->
                        assertThat(leases.find(Leadership.LEASE)).as("the controller's lease in the database").isEmpty());
            }
        }
    }

    @Test
    void anEngineOnASharedStoreTakesTheLeaseThere() {
        try (EmbeddedDerby derby = new EmbeddedDerby(directory)) {
            JpaStore shared = derby.openStore();

            try (Paasmaker engine = engineOn(shared)) {
                assertThat(engine.leadership().leads()).isTrue();
                assertThat(shared.leases()).hasValueSatisfying(leases -> assertThat(leases.find(Leadership.LEASE))
                        .hasValueSatisfying(lease -> assertThat(lease.holder()).isEqualTo(engine.leadership().holder())));
            }
        }
    }

    private Paasmaker engineOn(JpaStore store) {
        return Paasmaker.builder().home(directory.resolve("home")).store(store).localNode(false).build();
    }
}
