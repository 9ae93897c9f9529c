package org.paasmaker.war.engine;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.prepare.PrepareRunner;

/**
 * Builds the one engine of this server and closes it when the application stops. {@code Paasmaker}
 * and the settings are final classes, which CDI cannot proxy, hence {@code @Singleton} (one instance,
 * no proxy) rather than {@code @ApplicationScoped}.
 */
@ApplicationScoped
class EngineProducer {

    private static final Logger LOG = Logger.getLogger(EngineProducer.class.getName());

    /** server.xml's {@code PAASMAKER_HOME}, the same value its Derby datasource uses. */
    @Resource(lookup = "paasmaker/home")
    private String home;

    /**
     * The engine's jobs run on Liberty's threads, which carry the application's context; a prepare's
     * steps run as a batch job (org.paasmaker.war.batch).
     */
    @Resource
    private ManagedExecutorService executor;

    /**
     * Job events go out on threads of their own: Liberty's shared pool grows only slowly past its core
     * size, and a prepare holds several of its threads waiting, so events queued there came out only
     * when the prepare ended.
     */
    @Resource
    private ManagedThreadFactory threadFactory;

    @Produces
    @Singleton
    ServerSettings settings() {
        return ServerSettings.fromSystem(Path.of(home));
    }

    @Produces
    @Singleton
    Paasmaker engine(ServerSettings settings, Store store, PrepareRunner prepareRunner) {
        Paasmaker engine = Paasmaker.builder()
                .home(settings.home())
                .store(store)
                .ports(settings.ports())
                .executor(executor)
                .threadFactory(threadFactory)
                .routerProcess(settings.routerPort())
                .clusterHostname(settings.clusterHostname())
                .prepareRunner(prepareRunner)
                .build();
        LOG.info(() -> "Paasmaker engine started: data in " + engine.home() + ", instance ports " + settings.ports()
                + ", the router on port " + engine.routes().port() + " (hostnames such as 1.web.<application>.<workspace>."
                + settings.clusterHostname() + ")");
        return engine;
    }

    void close(@Disposes Paasmaker engine) {
        // Stops the engine's threads only: instances run on and the next engine adopts them.
        engine.close();
    }

    @Produces
    @Singleton
    ApiToken token(ServerSettings settings) {
        if (settings.token().isPresent()) {
            LOG.info("The API token is the value of PAASMAKER_TOKEN.");
            return new ApiToken(settings.token().get());
        }
        Path file = settings.home().resolve("token");
        ApiToken token = new ApiToken(TokenFile.readOrCreate(file));
        LOG.info(() -> "The API token is in " + file + " (readable by its owner only); send it as"
                + " 'Authorization: Bearer <token>'.");
        return token;
    }
}
