package org.paasmaker.engine.service.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.plugin.PluginSettings;

/** The plugin's settings: defaults, and every wrong one refused by its variable. */
class RedisSettingsTest {

    @TempDir
    Path home;

    @Test
    void theDefaultsAreSmallServersOnLoopbackUnderTheHome() {
        RedisSettings settings = read(Map.of());

        assertThat(settings.directory()).isEqualTo(home.resolve("services/redis"));
        assertThat(settings.binary()).isEqualTo(Path.of("/usr/bin/redis-server"));
        assertThat(settings.systemUser()).isEqualTo("redis");
        assertThat(settings.firstPort()).isEqualTo(42810);
        assertThat(settings.lastPort()).isEqualTo(42899);
        assertThat(settings.hostname()).isEqualTo("127.0.0.1");
        assertThat(settings.maxMemory()).isEqualTo("32mb");
    }

    @Test
    void wrongSettingsAreRefusedByTheirVariables() {
        assertThatThrownBy(() -> read(Map.of("ports", "42900"))).hasMessageContaining("PAASMAKER_SERVICE_MANAGEDREDIS_PORTS");
        assertThatThrownBy(() -> read(Map.of("ports", "500-400"))).hasMessageContaining("PAASMAKER_SERVICE_MANAGEDREDIS_PORTS");
        assertThatThrownBy(() -> read(Map.of("maxmemory", "32mb\nrequirepass x")))
                .hasMessageContaining("PAASMAKER_SERVICE_MANAGEDREDIS_MAXMEMORY");
        assertThatThrownBy(() -> read(Map.of("start_timeout", "0")))
                .hasMessageContaining("PAASMAKER_SERVICE_MANAGEDREDIS_START_TIMEOUT");
    }

    private RedisSettings read(Map<String, String> given) {
        return RedisSettings.from(PluginSettings.of(RedisServiceProvider.ID, RedisSettings.DECLARED, given, home));
    }
}
