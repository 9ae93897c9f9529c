package org.paasmaker.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paasmaker.api.cron.CronExpression;
import org.paasmaker.api.manifest.CronSpec;

class CronJobTest {

    private static final CronSpec SPEC =
            new CronSpec(CronExpression.parse("@hourly"), "/task", Optional.empty(), Optional.empty());

    @Test
    void aKeyOfSegmentsBecomesOneFileName() {
        assertThat(new CronJob("app-7/web/0", SPEC).key()).isEqualTo("app-7/web/0");
        assertThat(CronJob.fileName("app-7/web/0")).isEqualTo("app-7~web~0");
        assertThat(CronJob.fileName("app_7.web")).isEqualTo("app_7.web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "app/", "/app", "app//web", "../etc", "app/./web", "app web", "app~web", "app\\web"})
    void refusesAKeyThatIsNotSafeAsAFileName(String key) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CronJob(key, SPEC))
                .withMessageContaining("'" + key + "'");
    }

    @Test
    void refusesAKeyTooLongForAFileName() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CronJob("a".repeat(201), SPEC))
                .withMessageContaining("longer than 200");
    }
}
