package org.paasmaker.war.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.store.StoreContract;

/** The engine's store conformance suite, on a real PostgreSQL. */
@ExtendWith(SharedPostgres.class)
class JpaStorePostgresTest extends StoreContract {

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
