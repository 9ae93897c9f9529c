package org.paasmaker.router;

import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static final RouteTarget TARGET = new RouteTarget("127.0.0.1", 42600, "hello", 3, "i-1");

    @Test
    void aTableReadsBackFromItsJsonAsItWas() throws Exception {
        RoutingTable table = RoutingTable.of(7, List.of(Route.of("*.hello.com", List.of(TARGET)),
                Route.of("1.web.hello.dev.localhost", List.of())));
        ObjectMapper json = new ObjectMapper();

        String text = json.writeValueAsString(table);

        assertThat(json.readValue(text, RoutingTable.class)).isEqualTo(table);
        assertThat(text).contains("\"generation\":7", "\"hostname\":\"*.hello.com\"", "\"instanceId\":\"i-1\"");
    }

    @Test
    void hostnamesAreKeptLowercased() {
        assertThat(Route.of("Web.Hello.DEV.localhost", List.of()).hostname()).isEqualTo("web.hello.dev.localhost");
    }

    @Test
    void aPatternWithAPortOrAStrayWildcardIsRefusedByName() {
        assertThatThrownBy(() -> Route.of("hello.com:8080", List.of())).hasMessageContaining("'hello.com:8080'");
        assertThatThrownBy(() -> Route.of("a.*.com", List.of())).hasMessageContaining("'a.*.com'");
        assertThatThrownBy(() -> Route.of("*hello.com", List.of())).hasMessageContaining("'*hello.com'");
        assertThatThrownBy(() -> Route.of("", List.of())).hasMessageContaining("''");
    }

    @Test
    void aHostnameListedTwiceIsRefused() {
        assertThatThrownBy(() -> RoutingTable.of(1, List.of(Route.of("a.com", List.of()), Route.of("A.com", List.of()))))
                .hasMessageContaining("'a.com' twice");
    }

    @Test
    void aTargetNeedsAPortAndAnInstance() {
        assertThatThrownBy(() -> new RouteTarget("127.0.0.1", 0, "hello", 1, "i-1")).hasMessageContaining("not 0");
        assertThatThrownBy(() -> new RouteTarget("127.0.0.1", 80, "hello", 1, " ")).hasMessageContaining("instanceId");
    }
}
