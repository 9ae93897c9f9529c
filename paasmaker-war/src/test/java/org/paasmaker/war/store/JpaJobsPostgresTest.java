package org.paasmaker.war.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.engine.store.JobRepositoryContract;

/** The engine's contract for the job trees, on a real PostgreSQL. */
@ExtendWith(SharedPostgres.class)
class JpaJobsPostgresTest extends JobRepositoryContract {

    private PostgresDatabase database;

    @Override
    protected JobRepository newJobs() {
        database = SharedPostgres.newDatabase();
        return database.openStore().jobs();
    }

    @AfterEach
    void closeStore() {
        database.close();
    }
}
