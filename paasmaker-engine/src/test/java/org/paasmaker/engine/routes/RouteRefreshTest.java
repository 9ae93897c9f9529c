package org.paasmaker.engine.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How often the routes are recomputed from the store, and the errors for a wrong setting. */
class RouteRefreshTest {

    @Test
    void aSecondUnlessSetInMilliseconds() {
        assertThat(RouteRefresh.from(Map.of()).every()).isEqualTo(Duration.ofSeconds(1));
        assertThat(RouteRefresh.from(Map.of(RouteRefresh.VARIABLE, "250")).every()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aWrongSettingIsNamed() {
        assertThatThrownBy(() -> RouteRefresh.from(Map.of(RouteRefresh.VARIABLE, "often")))
                .hasMessageContaining("PAASMAKER_ROUTES_REFRESH_MS is 'often'; give how many milliseconds");
        assertThatThrownBy(() -> RouteRefresh.from(Map.of(RouteRefresh.VARIABLE, "0")))
                .hasMessageContaining("PAASMAKER_ROUTES_REFRESH_MS is at least 10 (milliseconds), not 0");
    }
}
