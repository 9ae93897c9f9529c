package org.paasmaker.war.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;

class ServerSettingsTest {

    private static final Path HOME = Path.of("/srv/paasmaker");

    @Test
    void nothingSetGivesTheDefaults() {
        ServerSettings settings = settings(Map.of());

        assertThat(settings.home()).isEqualTo(HOME);
        assertThat(settings.token()).isEmpty();
        assertThat(settings.ports()).isEqualTo(PortRange.DEFAULT);
        assertThat(settings.allowDirectorySources()).isFalse();
        assertThat(settings.maxUploadBytes()).isEqualTo(ServerSettings.DEFAULT_MAX_UPLOAD_BYTES);
    }

    @Test
    void eachVariableOverridesItsDefault() {
        ServerSettings settings = settings(Map.of("PAASMAKER_TOKEN", " secret ", "PAASMAKER_PORTS", "43000-43009",
                "PAASMAKER_ALLOW_DIRECTORY_SOURCES", "true", "PAASMAKER_MAX_UPLOAD_BYTES", "1024"));

        assertThat(settings.token()).contains("secret");
        assertThat(settings.ports()).isEqualTo(new PortRange(43000, 43009));
        assertThat(settings.allowDirectorySources()).isTrue();
        assertThat(settings.maxUploadBytes()).isEqualTo(1024);
    }

    @Test
    void aBlankTokenCountsAsUnset() {
        assertThat(settings(Map.of("PAASMAKER_TOKEN", "  ")).token()).isEmpty();
    }

    @Test
    void aBadUploadLimitSaysWhatToWrite() {
        assertThatThrownBy(() -> settings(Map.of("PAASMAKER_MAX_UPLOAD_BYTES", "1G")))
                .isInstanceOf(PaasmakerException.class).hasMessageContaining("PAASMAKER_MAX_UPLOAD_BYTES is '1G'");
    }

    private static ServerSettings settings(Map<String, String> environment) {
        return ServerSettings.from(HOME, name -> Optional.ofNullable(environment.get(name)));
    }
}
