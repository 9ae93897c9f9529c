package org.paasmaker.war.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.store.FileStore;

/**
 * Where the server keeps its records: for now the engine's JSON file store at
 * {@code $PAASMAKER_HOME/store.json}. This method is the one place to change when the JPA store lands.
 */
@ApplicationScoped
class StoreProducer {

    @Produces
    @ApplicationScoped
    Store store(ServerSettings settings) {
        return FileStore.open(settings.home().resolve("store.json"));
    }

    void close(@Disposes Store store) {
        if (store instanceof FileStore file) {
            file.close();
        }
    }
}
