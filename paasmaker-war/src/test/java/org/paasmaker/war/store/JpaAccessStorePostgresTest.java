package org.paasmaker.war.store;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paasmaker.api.store.AccessStore;
import org.paasmaker.engine.store.AccessStoreContract;

/** The engine's access store conformance suite, on a real PostgreSQL. */
@ExtendWith(SharedPostgres.class)
class JpaAccessStorePostgresTest extends AccessStoreContract {

    private PostgresDatabase database;

    @Override
    protected AccessStore newStore() {
        database = SharedPostgres.newDatabase();
        return new JpaAccessStore(database.openFactory(), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        database.close();
    }
}
