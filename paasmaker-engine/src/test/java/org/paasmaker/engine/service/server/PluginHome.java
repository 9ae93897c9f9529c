package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.ProcessesUnder;
import org.paasmaker.engine.internal.Directories;

/**
 * A service plugin initialised in a {@code PAASMAKER_HOME} of its own, as the figures tests of the
 * managed servers start one. Closing it stops a managed database server gently, closes the plugin,
 * kills every process still working under the home (managed servers outlive their plugin on purpose,
 * and a test cut short must not leave one behind) and deletes the home.
 *
 * @param <P> the plugin
 */
public final class PluginHome<P extends ServerServiceProvider<?>> implements AutoCloseable {

    private final Path home;
    private final P provider;

    private PluginHome(Path home, P provider) {
        this.home = home;
        this.provider = provider;
    }

    /** The plugin, initialised with these settings in a new home whose name starts with {@code paasmaker-<what>-}. */
    public static <P extends ServerServiceProvider<?>> PluginHome<P> init(String what, P provider,
            Map<String, String> settings) throws IOException {
        Path home = Files.createTempDirectory("paasmaker-" + what + "-");
        try {
            provider.init(PluginSettings.of(provider.descriptor().name(), provider.settings(), settings, home));
        } catch (RuntimeException e) {
            provider.close();
            ProcessesUnder.kill(home);
            Directories.deleteQuietly(home);
            throw e;
        }
        return new PluginHome<>(home, provider);
    }

    /** A figures test's service request: application {@code application}, service {@code name}. */
    public static ServiceRequest request(int application, String name) {
        return new ServiceRequest(new ApplicationId(application), "figures", "test", name, PluginParameters.empty());
    }

    public P provider() {
        return provider;
    }

    public Path home() {
        return home;
    }

    /** The plugin's managed database server; a test of an external one has no use for this fixture. */
    public ManagedServer managedServer() {
        return (ManagedServer) provider.server();
    }

    @Override
    public void close() throws IOException {
        try {
            if (provider.server() instanceof ManagedServer managed) {
                managed.stop(Duration.ofSeconds(10));
            }
        } finally {
            try {
                provider.close();
            } finally {
                ProcessesUnder.kill(home);
                Directories.deleteTree(home);
            }
        }
    }
}
