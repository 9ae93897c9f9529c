package org.paasmaker.engine.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controllers a controller that does not lead asks to drain, and the error for a wrong entry. */
class LeaderDrainsTest {

    @Test
    void theControllersAreACommaSeparatedListOrNone() {
        assertThat(LeaderDrains.controllers(Map.of())).isEmpty();
        assertThat(LeaderDrains.controllers(Map.of(LeaderDrains.VARIABLE, "http://c1:8091, http://c2:8091")))
                .containsExactly(URI.create("http://c1:8091"), URI.create("http://c2:8091"));
    }

    @Test
    void aWrongEntryIsNamedWithItsPlace() {
        assertThatThrownBy(() -> LeaderDrains.controllers(Map.of(LeaderDrains.VARIABLE, "http://c1:8091,c2:8091")))
                .hasMessageContaining("PAASMAKER_CONTROLLERS").hasMessageContaining("its entry 2, 'c2:8091', is not one");
    }
}
