package org.paasmaker.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
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

/** init with the plugin's settings, maintain on each round, close in reverse order; wrong settings fail. */
class PluginLifecycleTest {

    @TempDir
    Path home;

    private final List<String> events = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    @Test
    void eachPluginIsInitialisedOnceWithItsSettingsMaintainedAndClosedInReverseOrder() {
        Recording first = new Recording("test.service.first");
        Recording second = new Recording("test.service.second");
        PluginRegistry registry = registry(List.of(first, second), Map.of("test.service.first", Map.of("url", "pg://a",
                "pool", "7")), Map.of("PAASMAKER_TEST_SERVICE_SECOND_URL", "pg://b"));

        assertThat(first.settings.string("url")).isEqualTo("pg://a");
        assertThat(first.settings.integer("pool")).isEqualTo(7);
        assertThat(first.settings.home()).isEqualTo(home);
        assertThat(second.settings.string("url")).isEqualTo("pg://b");
        assertThat(second.settings.integer("pool")).as("the declared default").isEqualTo(4);

        registry.service("test.service.first");
        registry.service("test.service.first");
        registry.maintain();
        registry.close();

        assertThat(events).containsExactly("init test.service.first", "init test.service.second",
                "create test.service.first", "maintain test.service.first", "maintain test.service.second",
                "close test.service.second", "close test.service.first");
    }

    @Test
    void aSettingThePluginDoesNotDeclareOrOfTheWrongTypeFailsNamingPluginKeyAndVariable() {
        assertThatThrownBy(() -> registry(List.of(new Recording("test.service.first")),
                Map.of("test.service.first", Map.of("url", "x", "colour", "blue", "pool", "many")), Map.of()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("test.service.first")
                .hasMessageContaining("'colour' (PAASMAKER_TEST_SERVICE_FIRST_COLOUR) is not one of its settings; it has url, pool")
                .hasMessageContaining("'pool' (PAASMAKER_TEST_SERVICE_FIRST_POOL) is 'many' but must be a whole number");
    }

    @Test
    void aMissingRequiredSettingFailsAndThePluginsInitialisedBeforeAreClosed() {
        Recording first = new Recording("test.service.first");
        Recording second = new Recording("test.service.second");

        assertThatThrownBy(() -> registry(List.of(first, second), Map.of("test.service.first", Map.of("url", "x")),
                Map.of())).hasMessageContaining("'url' (PAASMAKER_TEST_SERVICE_SECOND_URL) is required");

        assertThat(events).containsExactly("init test.service.first", "close test.service.first");
    }

    @Test
    void environmentVariablesThatNameNoSettingAreOnlyWarnedAbout() {
        registry(List.of(new Recording("test.service.first")), Map.of(),
                Map.of("PAASMAKER_TEST_SERVICE_FIRST_URL", "u", "PAASMAKER_TEST_SERVICE_FIRST_URLL", "typo"));

        assertThat(warnings).singleElement().asString().contains("PAASMAKER_TEST_SERVICE_FIRST_URLL")
                .contains("test.service.first");
    }

    @Test
    void aFailingUpkeepIsReportedAndTheOthersStillRun() {
        Recording failing = new Recording("test.service.first") {
            @Override
            public void maintain() {
                throw new PaasmakerException(ErrorCode.INTERNAL, "server gone");
            }
        };
        Recording second = new Recording("test.service.second");
        PluginRegistry registry = registry(List.of(failing, second), Map.of(),
                Map.of("PAASMAKER_TEST_SERVICE_FIRST_URL", "u", "PAASMAKER_TEST_SERVICE_SECOND_URL", "v"));

        registry.maintain();

        assertThat(events).contains("maintain test.service.second");
        assertThat(warnings).singleElement().asString().contains("test.service.first").contains("server gone");
    }

    @Test
    void pluginsThatDeclareNoSettingsKeepWorkingUnchanged() {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), name -> !name.contains("postgres"),
                home.resolve("plugins"), Clock.systemUTC());

        assertThat(registry.service("paasmaker.service.parameters")
                .provision(request(), Optional.empty())).isEqualTo(PluginParameters.of(Map.of("a", "b")));
        registry.maintain();
        registry.close();
    }

    private static ServiceRequest request() {
        return new ServiceRequest(new org.paasmaker.api.application.ApplicationId(1), "app", "ws", "svc",
                PluginParameters.of(Map.of("a", "b")));
    }

    private PluginRegistry registry(List<Recording> providers, Map<String, Map<String, String>> byPlugin,
            Map<String, String> environment) {
        return PluginRegistry.of(providers, name -> true, home.resolve("plugins"), Clock.systemUTC(),
                new PluginRegistry.Settings(home, byPlugin, environment, warnings::add));
    }

    private class Recording implements ServiceProvider {
        final String name;
        PluginSettings settings;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor(name, PluginRole.SERVICE, "records its life", List.of());
        }

        @Override
        public List<PluginParameter> settings() {
            return List.of(PluginParameter.required("url", ParameterType.STRING, "Where the server is."),
                    PluginParameter.optional("pool", ParameterType.INTEGER, 4L, "Connections kept open."));
        }

        @Override
        public void init(PluginSettings given) {
            settings = given;
            events.add("init " + name);
        }

        @Override
        public void maintain() {
            events.add("maintain " + name);
        }

        @Override
        public void close() {
            events.add("close " + name);
        }

        @Override
        public Service create(PluginContext context) {
            events.add("create " + name);
            return new Service() {
                @Override
                public PluginParameters provision(ServiceRequest request, Optional<PluginParameters> existing) {
                    return request.parameters();
                }

                @Override
                public void remove(ServiceRequest request, PluginParameters credentials) {
                }
            };
        }
    }
}
