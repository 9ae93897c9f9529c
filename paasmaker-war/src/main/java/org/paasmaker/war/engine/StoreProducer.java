package org.paasmaker.war.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.paasmaker.api.store.Store;
import org.paasmaker.war.store.JpaStore;

/**
 * Where the server keeps its records: the JPA store, in the platform's database (PostgreSQL at
 * {@code PAASMAKER_DATABASE_URL}, else the embedded Derby under {@code $PAASMAKER_HOME/derby}), its
 * schema migrated first; on the embedded Derby, a store alone (no lease: this controller always leads).
 * Liberty opens and closes the factory.
 */
@ApplicationScoped
class StoreProducer {

    @Inject
    PlatformDatabase database;

    @Produces
    @ApplicationScoped
    Store store() {
        return database.shareable() ? new JpaStore(database.factory()) : JpaStore.alone(database.factory());
    }
}
