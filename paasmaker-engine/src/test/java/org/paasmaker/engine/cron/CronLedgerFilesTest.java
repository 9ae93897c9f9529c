package org.paasmaker.engine.cron;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.CronLedgerRepository;

/** The ledger an engine alone on its store keeps in files of its own. */
class CronLedgerFilesTest extends CronLedgerContract {

    @TempDir
    Path directory;

    @Override
    protected CronLedgerRepository newLedger() {
        return new CronLedger(directory);
    }
}
