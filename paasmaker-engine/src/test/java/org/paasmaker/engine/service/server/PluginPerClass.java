package org.paasmaker.engine.service.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;

/**
 * What a database plugin's tests start and stop alike, whichever server it runs on: the plugin is
 * initialised once per class in a home of its own with the subclass's settings, every service a test made
 * is removed after it, and the plugin is closed and the server stopped after the class.
 *
 * @param <P> the plugin
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PluginPerClass<P extends ServerServiceProvider<?>> {

    private final String kind;
    private final Supplier<P> plugin;
    protected Path home;
    protected P provider;
    protected Service service;
    private ServicesMade made;

    /** {@code kind} names the home's folder ({@code paasmaker-<kind>-home-...}). */
    protected PluginPerClass(String kind, Supplier<P> plugin) {
        this.kind = kind;
        this.plugin = plugin;
    }

    /** The plugin's settings for this server. */
    protected abstract Map<String, String> settings(Path home) throws Exception;

    /** Stops what the subclass started (after the plugin is closed). */
    protected abstract void stopServer() throws Exception;

    @BeforeAll
    void initialisePlugin() throws Exception {
        home = Files.createTempDirectory("paasmaker-" + kind + "-home-");
        provider = plugin.get();
        provider.init(PluginSettings.of(provider.descriptor().name(), provider.settings(), settings(home), home));
        service = provider.create(null);
        made = new ServicesMade(service);
    }

    @AfterEach
    void removeWhatWasMade() {
        made.removeAll();
    }

    @AfterAll
    void closePlugin() throws Exception {
        try {
            if (provider != null) {
                provider.close();
            }
            stopServer();
        } finally {
            Directories.deleteTree(home);
        }
    }

    /** The class's plugin (public for {@link ManagedServerContract}). */
    public P provider() {
        return provider;
    }

    /** A new plugin of the class's kind, not initialised. */
    public P newPlugin() {
        return plugin.get();
    }

    /** The home the class's plugin runs in. */
    public Path home() {
        return home;
    }

    /** A service made on the class's plugin, removed after the test. */
    public PluginParameters provision(String application, String serviceName) {
        return made.provision(application, serviceName);
    }

    protected static ServiceRequest request(String application, String serviceName) {
        return ServicesMade.request(application, serviceName);
    }
}
