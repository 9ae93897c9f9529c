package org.paasmaker.war.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.engine.PlatformDatabase;
import org.paasmaker.war.store.JpaAccessStore;

/** The server's users, keys, roles and grants: the engine's {@link Access} over the store's database. */
@ApplicationScoped
class AccessProducer {

    @Inject
    PlatformDatabase database;

    @Produces
    @Singleton
    Access access() {
        return new Access(new JpaAccessStore(database.factory(), Clock.systemUTC()), Clock.systemUTC());
    }
}
