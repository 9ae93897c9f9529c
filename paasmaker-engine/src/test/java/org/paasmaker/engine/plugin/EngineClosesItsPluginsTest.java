package org.paasmaker.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.plugin.ParameterType;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginRole;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceProvider;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.Paasmaker;

/** A whole engine: a plugin on its class path is initialised with its settings, maintained by the health round, closed with the engine. */
class EngineClosesItsPluginsTest {

    /** What the plugin of this test heard, in order; one engine runs it at a time. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    @Test
    void theEngineInitialisesMaintainsAndClosesAPluginFoundOnItsClassPath() throws Exception {
        EVENTS.clear();
        Path services = Files.createDirectories(temp.resolve("classes/META-INF/services"));
        Files.writeString(services.resolve(ServiceProvider.class.getName()), Lifecycle.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.resolve("classes").toUri().toURL()},
                getClass().getClassLoader())) {
            Paasmaker engine = Paasmaker.builder().home(temp.resolve("home")).classLoader(loader)
                    .healthInterval(Duration.ofMillis(50)).settingsEnvironment(Map.of())
                    .pluginSettings("test.service.lifecycle", Map.of("greeting", "hello")).build();
            try {
                assertThat(EVENTS).first().isEqualTo("init hello in " + temp.resolve("home"));
                await().atMost(Duration.ofSeconds(10)).until(() -> EVENTS.contains("maintain"));
                assertThat(EVENTS).doesNotContain("close");
            } finally {
                engine.close();
            }
            assertThat(EVENTS).last().isEqualTo("close");
        }
    }

    /** Registered only through this test's class loader. */
    public static final class Lifecycle implements ServiceProvider {

        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("test.service.lifecycle", PluginRole.SERVICE, "records its life", List.of());
        }

        @Override
        public List<PluginParameter> settings() {
            return List.of(PluginParameter.required("greeting", ParameterType.STRING, "Said at init."));
        }

        @Override
        public void init(PluginSettings settings) {
            EVENTS.add("init " + settings.string("greeting") + " in " + settings.home());
        }

        @Override
        public void maintain() {
            if (!EVENTS.contains("maintain")) {
                EVENTS.add("maintain");
            }
        }

        @Override
        public void close() {
            EVENTS.add("close");
        }

        @Override
        public Service create(PluginContext context) {
            return new Service() {
                @Override
                public PluginParameters provision(ServiceRequest request, java.util.Optional<PluginParameters> existing) {
                    return PluginParameters.empty();
                }

                @Override
                public void remove(ServiceRequest request, PluginParameters credentials) {
                }
            };
        }
    }
}
