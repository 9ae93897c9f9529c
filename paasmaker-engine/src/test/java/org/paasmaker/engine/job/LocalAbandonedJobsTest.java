package org.paasmaker.engine.job;

import java.time.Clock;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.lease.LocalLeases;
import org.paasmaker.engine.store.InMemoryStore;
import org.paasmaker.engine.store.StoreWithLeases;

/** The contract on the in-memory store with leases of this machine's clock. */
class LocalAbandonedJobsTest extends AbandonedJobsContract {

    @Override
    protected Store newStore() {
        return new StoreWithLeases(new InMemoryStore(), new LocalLeases(Clock.systemUTC()));
    }
}
