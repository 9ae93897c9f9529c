package org.paasmaker.war.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.paasmaker.engine.Paasmaker;

/**
 * Builds the engine and the token when the application starts rather than on the first request: the
 * engine adopts the instances a previous server left running, and the log says where the token is
 * before anyone needs it.
 */
@ApplicationScoped
class EngineStartup {

    void start(@Observes @Initialized(ApplicationScoped.class) Object event, Paasmaker engine, ApiToken token) {
        // Injecting them is the point: both are made now.
    }
}
