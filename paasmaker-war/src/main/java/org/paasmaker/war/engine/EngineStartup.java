package org.paasmaker.war.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.war.store.DatabaseFailures;

/**
 * Builds the engine and the token when the application starts rather than on the first request: the
 * engine adopts the instances a previous server left running, and the log says where the token is
 * before anyone needs it. A database that cannot be reached does not stop the start: the log says
 * which, every request (health among them) answers 503 with that message meanwhile, and the first
 * one after the database is back builds the engine.
 */
@ApplicationScoped
class EngineStartup {

    private static final Logger LOG = Logger.getLogger(EngineStartup.class.getName());

    @Inject
    PlatformDatabase database;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event, Instance<Paasmaker> engine,
            Instance<ApiToken> token) {
        token.get();
        try {
            engine.get();
        } catch (RuntimeException e) {
            PaasmakerException unavailable = DatabaseFailures.unavailable(e, database.where()).orElseThrow(() -> e);
            LOG.log(Level.SEVERE, "The platform cannot start its engine yet: {0}", unavailable.getMessage());
        }
    }
}
