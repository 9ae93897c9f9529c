package org.paasmaker.war.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.job.AbandonedJobsContract;

/** The leader ending a dead controller's jobs, on embedded Derby and its clock. */
class JpaAbandonedJobsTest extends AbandonedJobsContract {

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
