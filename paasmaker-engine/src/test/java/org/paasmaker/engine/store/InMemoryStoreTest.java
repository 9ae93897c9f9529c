package org.paasmaker.engine.store;

import org.paasmaker.api.store.Store;

class InMemoryStoreTest extends StoreContract {

    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
