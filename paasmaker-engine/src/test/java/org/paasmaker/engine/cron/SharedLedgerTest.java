package org.paasmaker.engine.cron;

import org.paasmaker.api.store.CronLedgerRepository;

class SharedLedgerTest extends CronLedgerContract {

    @Override
    protected CronLedgerRepository newLedger() {
        return new SharedLedger();
    }
}
