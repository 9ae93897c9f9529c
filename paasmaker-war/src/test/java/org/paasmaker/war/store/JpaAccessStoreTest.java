package org.paasmaker.war.store;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.AccessStore;
import org.paasmaker.engine.store.AccessStoreContract;

/** The engine's access store conformance suite, on embedded Derby. */
class JpaAccessStoreTest extends AccessStoreContract {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @Override
    protected AccessStore newStore() {
        derby = new EmbeddedDerby(directory);
        return new JpaAccessStore(derby.openFactory(), Clock.systemUTC());
    }

    @AfterEach
    void shutDown() {
        derby.close();
    }
}
