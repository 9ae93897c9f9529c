package org.paasmaker.war.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.paasmaker.api.store.Store;
import org.paasmaker.war.store.JpaStore;

/**
 * Where the server keeps its records: the JPA store, in the embedded Derby database under
 * {@code $PAASMAKER_HOME/derby} (the {@code jdbc/paasmaker} data source of {@code server.xml}).
 * Liberty opens and closes the factory.
 */
@ApplicationScoped
class StoreProducer {

    @PersistenceUnit(unitName = JpaStore.PERSISTENCE_UNIT)
    EntityManagerFactory factory;

    @Produces
    @ApplicationScoped
    Store store() {
        return new JpaStore(factory);
    }
}
