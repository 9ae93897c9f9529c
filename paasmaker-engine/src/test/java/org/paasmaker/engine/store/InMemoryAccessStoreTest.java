package org.paasmaker.engine.store;

import org.paasmaker.api.store.AccessStore;

class InMemoryAccessStoreTest extends AccessStoreContract {

    @Override
    protected AccessStore newStore() {
        return new InMemoryAccessStore();
    }
}
