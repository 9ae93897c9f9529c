package org.paasmaker.war.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.time.Clock;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.store.JpaAccessStore;
import org.paasmaker.war.store.JpaStore;

/** The server's users, keys, roles and grants: the engine's {@link Access} over the store's database. */
@ApplicationScoped
class AccessProducer {

    @PersistenceUnit(unitName = JpaStore.PERSISTENCE_UNIT)
    EntityManagerFactory factory;

    @Produces
    @Singleton
    Access access() {
        return new Access(new JpaAccessStore(factory, Clock.systemUTC()), Clock.systemUTC());
    }
}
