package org.paasmaker.engine.service.mysql;

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
class MysqlSettingsTest {

    @TempDir
    Path home;

    @Test
    void theDefaultsAreAManagedServerOnTheOriginalsPortUnderTheHome() {
        MysqlSettings settings = read(Map.of());

        assertThat(settings.mode()).isEqualTo(ServerMode.MANAGED);
        assertThat(settings.port()).isEqualTo(42801);
        assertThat(settings.hostname()).isEqualTo("127.0.0.1");
        assertThat(settings.directory()).isEqualTo(home.resolve("services/mysql"));
        assertThat(settings.systemUser()).isEqualTo("mysql");
        assertThat(settings.bufferPoolSize()).isEqualTo("16M");
    }

    @Test
    void externalModeTakesTheOperatorsServerAndGivesApplicationsItsHost() {
        MysqlSettings settings = read(Map.of("mode", "external", "host", "db.internal", "admin_password", "pw"));

        assertThat(settings.port()).isEqualTo(3306);
        assertThat(settings.hostname()).isEqualTo("db.internal");
        assertThat(settings.adminUser()).isEqualTo("root");
    }

    @Test
    void wrongSettingsAreRefusedByTheirVariables() {
        assertThatThrownBy(() -> read(Map.of("mode", "cluster"))).hasMessageContaining("PAASMAKER_SERVICE_MYSQL_MODE")
                .hasMessageContaining("managed or external");
        assertThatThrownBy(() -> read(Map.of("mode", "external")))
                .hasMessageContaining("PAASMAKER_SERVICE_MYSQL_HOST")
                .hasMessageContaining("PAASMAKER_SERVICE_MYSQL_ADMIN_PASSWORD");
        assertThatThrownBy(() -> read(Map.of("port", "70000"))).hasMessageContaining("PAASMAKER_SERVICE_MYSQL_PORT");
        assertThatThrownBy(() -> read(Map.of("innodb_buffer_pool_size", "16M\nskip-grant-tables")))
                .hasMessageContaining("PAASMAKER_SERVICE_MYSQL_INNODB_BUFFER_POOL_SIZE");
    }

    @Test
    void anEngineGivenASettingThePluginDoesNotHaveDoesNotStartAndNamesIt() {
        Paasmaker.Builder builder = Paasmaker.builder().home(home)
                .pluginSettings(MysqlServiceProvider.ID, Map.of("passwd", "x"));

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("'passwd' (PAASMAKER_SERVICE_MYSQL_PASSWD) is not one of its settings");
        // The failed start let go of the store: the next engine opens it.
        Paasmaker.builder().home(home).settingsEnvironment(Map.of()).build().close();
    }

    @Test
    void theAdminPasswordIsMaskedWhenTheSettingsAreShown() {
        PluginSettings settings = PluginSettings.of(MysqlServiceProvider.ID, MysqlSettings.DECLARED,
                Map.of("mode", "external", "host", "h", "admin_password", "hunter2"), home);

        assertThat(settings.toString()).doesNotContain("hunter2").contains("admin_password=********");
    }

    private MysqlSettings read(Map<String, String> given) {
        return MysqlSettings.from(PluginSettings.of(MysqlServiceProvider.ID, MysqlSettings.DECLARED, given, home));
    }
}
