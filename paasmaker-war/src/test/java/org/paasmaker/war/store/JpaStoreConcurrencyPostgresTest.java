package org.paasmaker.war.store;

import org.junit.jupiter.api.extension.ExtendWith;
import org.paasmaker.api.store.Store;

/** Many threads on one store at once, on a real PostgreSQL. */
@ExtendWith(SharedPostgres.class)
class JpaStoreConcurrencyPostgresTest extends StoreConcurrencyContract {

    private PostgresDatabase database;

    @Override
    protected Store openStore() {
        if (database == null) {
            database = SharedPostgres.newDatabase();
        }
        return database.openStore();
    }

    @Override
    protected void closeStores() {
        database.close();
    }
}
