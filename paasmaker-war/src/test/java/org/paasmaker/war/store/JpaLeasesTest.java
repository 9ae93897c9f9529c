package org.paasmaker.war.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.engine.lease.LeaseContract;

/** The engine's contract for the controllers' leases, on embedded Derby. */
class JpaLeasesTest extends LeaseContract {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @Override
    protected LeaseRepository newLeases() {
        derby = new EmbeddedDerby(directory);
        return derby.openStore().leases().orElseThrow();
    }

    @AfterEach
    void shutDown() {
        derby.close();
    }
}
