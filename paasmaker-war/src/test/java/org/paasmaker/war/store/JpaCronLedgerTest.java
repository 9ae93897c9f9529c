package org.paasmaker.war.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.CronLedgerRepository;
import org.paasmaker.engine.cron.CronLedgerContract;

/** The engine's contract for the crons' ledger, on embedded Derby. */
class JpaCronLedgerTest extends CronLedgerContract {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @Override
    protected CronLedgerRepository newLedger() {
        derby = new EmbeddedDerby(directory);
        return derby.openStore().cronLedger().orElseThrow();
    }

    @AfterEach
    void shutDown() {
        derby.close();
    }
}
