package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

class LogLimitTest {

    @Test
    void withoutSettingsAnInstanceKeepsTenMebibytesAndThreeRotatedFiles() {
        assertThat(LogLimit.from(Map.of())).isEqualTo(new LogLimit(10L * 1024 * 1024, 3)).isEqualTo(LogLimit.DEFAULT);
    }

    @Test
    void theEnvironmentSetsEither() {
        assertThat(LogLimit.from(Map.of(LogLimit.MAX_BYTES_VARIABLE, " 1048576 ")))
                .isEqualTo(new LogLimit(1048576, 3));
        assertThat(LogLimit.from(Map.of(LogLimit.KEPT_VARIABLE, "5"))).isEqualTo(new LogLimit(10L * 1024 * 1024, 5));
    }

    @Test
    void aBadSettingIsRefusedNamingTheVariablesAndTheValue() {
        assertThatThrownBy(() -> LogLimit.from(Map.of(LogLimit.MAX_BYTES_VARIABLE, "10M")))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("PAASMAKER_INSTANCE_LOG_BYTES='10M'")
                .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> LogLimit.from(Map.of(LogLimit.KEPT_VARIABLE, "0")))
                .hasMessageContaining("PAASMAKER_INSTANCE_LOGS_KEPT='0'").hasMessageContaining("1 to 1000");
        assertThatThrownBy(() -> new LogLimit(100, 3)).hasMessageContaining("at least 4096 bytes: 100");
    }
}
