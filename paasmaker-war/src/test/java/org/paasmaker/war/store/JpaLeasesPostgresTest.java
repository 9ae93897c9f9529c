package org.paasmaker.war.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.engine.lease.LeaseContract;

/** The engine's contract for the controllers' leases, on a real PostgreSQL. */
@ExtendWith(SharedPostgres.class)
class JpaLeasesPostgresTest extends LeaseContract {

    private PostgresDatabase database;

    @Override
    protected LeaseRepository newLeases() {
        database = SharedPostgres.newDatabase();
        return database.openStore().leases().orElseThrow();
    }

    @AfterEach
    void closeStore() {
        database.close();
    }
}
