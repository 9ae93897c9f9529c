package org.paasmaker.engine.lease;

import java.time.Clock;
import org.paasmaker.api.store.LeaseRepository;

class LocalLeasesTest extends LeaseContract {

    @Override
    protected LeaseRepository newLeases() {
        return new LocalLeases(Clock.systemUTC());
    }
}
