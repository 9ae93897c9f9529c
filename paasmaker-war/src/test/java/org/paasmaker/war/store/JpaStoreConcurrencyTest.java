package org.paasmaker.war.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.Store;

/** Many threads on one store at once, on embedded Derby. */
class JpaStoreConcurrencyTest extends StoreConcurrencyContract {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @Override
    protected Store openStore() {
        if (derby == null) {
            derby = new EmbeddedDerby(directory);
        }
        return derby.openStore();
    }

    @Override
    protected void closeStores() {
        derby.close();
    }
}
