package org.paasmaker.war.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.job.AbandonedJobsContract;

/** The leader ending a dead controller's jobs, on a real PostgreSQL and its clock. */
@ExtendWith(SharedPostgres.class)
class JpaAbandonedJobsPostgresTest extends AbandonedJobsContract {

    private PostgresDatabase database;

    @Override
    protected Store newStore() {
        database = SharedPostgres.newDatabase();
        return database.openStore();
    }

    @AfterEach
    void closeStore() {
        database.close();
    }
}
