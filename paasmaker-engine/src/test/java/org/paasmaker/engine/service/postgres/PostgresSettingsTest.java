package org.paasmaker.engine.service.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.engine.service.server.ServerMode;

/** The plugin's settings: defaults, and every wrong one refused when the engine starts, by its variable. */
class PostgresSettingsTest {

    @TempDir
    Path home;

    @Test
    void theDefaultsAreAManagedServerOnTheOriginalsPortUnderTheHome() {
        PostgresSettings settings = read(Map.of());

        assertThat(settings.mode()).isEqualTo(ServerMode.MANAGED);
        assertThat(settings.port()).isEqualTo(42800);
        assertThat(settings.hostname()).isEqualTo("127.0.0.1");
        assertThat(settings.directory()).isEqualTo(home.resolve("services/postgres"));
        assertThat(settings.systemUser()).isEqualTo("postgres");
    }

    @Test
    void externalModeTakesTheOperatorsServerAndGivesApplicationsItsHost() {
        PostgresSettings settings = read(Map.of("mode", "external", "host", "db.internal", "admin_password", "pw"));

        assertThat(settings.port()).isEqualTo(5432);
        assertThat(settings.hostname()).isEqualTo("db.internal");
        assertThat(settings.adminUser()).isEqualTo("postgres");
    }

    @Test
    void wrongSettingsAreRefusedByTheirVariables() {
        assertThatThrownBy(() -> read(Map.of("mode", "cluster"))).hasMessageContaining("PAASMAKER_SERVICE_POSTGRES_MODE")
                .hasMessageContaining("managed or external");
        assertThatThrownBy(() -> read(Map.of("mode", "external")))
                .hasMessageContaining("PAASMAKER_SERVICE_POSTGRES_HOST")
                .hasMessageContaining("PAASMAKER_SERVICE_POSTGRES_ADMIN_PASSWORD");
        assertThatThrownBy(() -> read(Map.of("port", "70000"))).hasMessageContaining("PAASMAKER_SERVICE_POSTGRES_PORT");
    }

    @Test
    void anEngineGivenASettingThePluginDoesNotHaveDoesNotStartAndNamesIt() {
        Paasmaker.Builder builder = Paasmaker.builder().home(home)
                .pluginSettings(PostgresServiceProvider.ID, Map.of("passwd", "x"));

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("'passwd' (PAASMAKER_SERVICE_POSTGRES_PASSWD) is not one of its settings");
        // The failed start let go of the store: the next engine opens it.
        Paasmaker.builder().home(home).settingsEnvironment(Map.of()).build().close();
    }

    @Test
    void theAdminPasswordIsMaskedWhenTheSettingsAreShown() {
        PluginSettings settings = PluginSettings.of(PostgresServiceProvider.ID, PostgresSettings.DECLARED,
                Map.of("mode", "external", "host", "h", "admin_password", "hunter2"), home);

        assertThat(settings.toString()).doesNotContain("hunter2").contains("admin_password=********");
    }

    private PostgresSettings read(Map<String, String> given) {
        return PostgresSettings.from(PluginSettings.of(PostgresServiceProvider.ID, PostgresSettings.DECLARED, given, home));
    }
}
