package org.paasmaker.war.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paasmaker.api.store.CronLedgerRepository;
import org.paasmaker.engine.cron.CronLedgerContract;

/** The engine's contract for the crons' ledger, on a real PostgreSQL. */
@ExtendWith(SharedPostgres.class)
class JpaCronLedgerPostgresTest extends CronLedgerContract {

    private PostgresDatabase database;

    @Override
    protected CronLedgerRepository newLedger() {
        database = SharedPostgres.newDatabase();
        return database.openStore().cronLedger().orElseThrow();
    }

    @AfterEach
    void closeStore() {
        database.close();
    }
}
