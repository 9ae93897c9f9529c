package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What the platform offers: its node, the runtimes with their installed versions, the plugins, the routes. */
class PlatformIT {

    private final Api api = ItServer.api();

    @Test
    void theNodeListsItsRuntimesWithTheirVersionsAndItsPorts() {
        JsonNode nodes = api.get("nodes").json();

        assertThat(nodes).hasSize(1);
        JsonNode node = nodes.get(0);
        assertThat(node.path("name").asText()).isEqualTo("local");
        assertThat(node.path("ports").asText()).isEqualTo("43600-43699");
        assertThat(node.path("runtimes").path("paasmaker.runtime.java").toString()).contains("\"17.");
        assertThat(node.path("runningInstances").isInt()).isTrue();
    }

    @Test
    void runtimesComeWithTheVersionsAManifestMayAskFor() {
        JsonNode runtimes = api.get("runtimes").json();

        assertThat(runtimes.findValuesAsText("name")).contains("paasmaker.runtime.shell", "paasmaker.runtime.python",
                "paasmaker.runtime.static", "paasmaker.runtime.ruby.rbenv", "paasmaker.runtime.php",
                "paasmaker.runtime.node.nvm");
        for (JsonNode runtime : runtimes) {
            assertThat(runtime.path("versions").isArray()).as(runtime.toString()).isTrue();
            assertThat(runtime.path("versions")).as(runtime.path("plugin").path("name").asText()).isNotEmpty();
        }
        assertThat(api.get("plugins").json().findValuesAsText("name")).contains("paasmaker.scm.git",
                "paasmaker.service.filesystem");
    }

    @Test
    void theRoutingTableAndTheRoutersStatisticsAreServed() {
        assertThat(api.get("routes").json().path("generation").isNumber()).isTrue();
        assertThat(api.get("router/stats").json().path("unrouted").path("requests").isNumber()).isTrue();
    }
}
