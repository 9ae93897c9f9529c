package org.paasmaker.war.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.store.StoreContract;

/** The engine's store conformance suite, on embedded Derby. */
class JpaStoreTest extends StoreContract {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @Override
    protected Store newStore() {
        derby = new EmbeddedDerby(directory);
        return derby.openStore();
    }

    @AfterEach
    void shutDown() {
        derby.close();
    }
}
