package org.paasmaker.war.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.engine.store.JobRepositoryContract;

/** The engine's contract for the job trees, on embedded Derby. */
class JpaJobsTest extends JobRepositoryContract {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @Override
    protected JobRepository newJobs() {
        derby = new EmbeddedDerby(directory);
        return derby.openStore().jobs();
    }

    @AfterEach
    void shutDown() {
        derby.close();
    }
}
