package org.paasmaker.engine.runtime.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.PaasmakerException;

class ServerArgumentsTest {

    @Test
    void readsTheRootAndThePort() {
        assertThat(ServerArguments.parse(List.of("/srv/site", "42600"), Map.of("PM_PORT", "42699")))
                .isEqualTo(new ServerArguments(Path.of("/srv/site"), 42600));
    }

    @Test
    void takesThePortFromPmPortWhenItIsNotGiven() {
        assertThat(ServerArguments.parse(List.of("/srv/site"), Map.of("PM_PORT", "42699")))
                .isEqualTo(new ServerArguments(Path.of("/srv/site"), 42699));
    }

    @Test
    void namesTheMissingPort() {
        assertThatThrownBy(() -> ServerArguments.parse(List.of("/srv/site"), Map.of()))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageStartingWith("no port: give it after the document root or set PM_PORT; usage:");
    }

    @Test
    void namesABadPortAndWhereItCameFrom() {
        assertThatThrownBy(() -> ServerArguments.parse(List.of("/srv/site", "0"), Map.of()))
                .hasMessageStartingWith("the port '0' is not a number from 1 to 65535");
        assertThatThrownBy(() -> ServerArguments.parse(List.of("/srv/site"), Map.of("PM_PORT", "http")))
                .hasMessageStartingWith("the port 'http' (from PM_PORT) is not a number from 1 to 65535");
        assertThatThrownBy(() -> ServerArguments.parse(List.of("/srv/site", "65536"), Map.of()))
                .hasMessageStartingWith("the port '65536' is not");
    }

    @Test
    void refusesTooFewOrTooManyArguments() {
        assertThatThrownBy(() -> ServerArguments.parse(List.of(), Map.of("PM_PORT", "1")))
                .hasMessageStartingWith("expected a document root and a port, got 0 arguments; usage:");
        assertThatThrownBy(() -> ServerArguments.parse(List.of("a", "1", "b"), Map.of()))
                .hasMessageStartingWith("expected a document root and a port, got 3 arguments");
    }
}
