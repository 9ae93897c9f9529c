package org.paasmaker.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.node.NodeReport;

/**
 * What the node registry keeps of agents: one that registers again takes its own place, with its new
 * profile, keeping the state the controller gave its name and its last report; reports are kept with
 * when they came. No agent runs here: the registry asks a registered node nothing.
 */
class RegisteredNodesTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final NodeToken token = new NodeToken("t", "the test");

    @Test
    void anAgentThatRegistersAgainReplacesItsEntryAndKeepsItsStateAndLastReport() {
        NodeRegistry nodes = new NodeRegistry(List.of());
        HttpNode first = node("10.0.0.2", Map.of("rack", "a"), "http://10.0.0.2:8092");
        nodes.addOrReplace(first, Instant.parse("2026-12-06T02:00:00Z"));
        nodes.setState("web-2", NodeState.INACTIVE);
        NodeReport report = new NodeReport(Instant.parse("2026-12-06T02:00:01Z"), Instant.parse("2026-12-06T02:00:00Z"),
                first.profile(), Set.of(new InstanceId("5f0c3a2e-0000-4000-8000-000000000001")));
        nodes.reported("web-2", report);

        HttpNode again = node("10.0.0.3", Map.of("rack", "b"), "http://10.0.0.3:8092");
        nodes.addOrReplace(again, Instant.parse("2026-12-06T02:00:05Z"));

        assertThat(nodes.all()).containsExactly(again);
        assertThat(nodes.address("web-2")).isEqualTo("10.0.0.3");
        assertThat(nodes.profile("web-2").tags()).isEqualTo(Map.of("rack", "b"));
        assertThat(nodes.state("web-2")).isEqualTo(NodeState.INACTIVE);
        assertThat(nodes.lastReport("web-2")).contains(report);
    }

    @Test
    void aNodeThatNeverReportedHasNoReport() {
        NodeRegistry nodes = new NodeRegistry(List.of());
        nodes.addOrReplace(node("10.0.0.2", Map.of(), "http://10.0.0.2:8092"), Instant.parse("2026-12-06T02:00:00Z"));

        assertThat(nodes.lastReport("web-2")).isEmpty();
        assertThat(nodes.state("web-2")).isEqualTo(NodeState.ACTIVE);
    }

    private HttpNode node(String address, Map<String, Object> tags, String url) {
        return new HttpNode(new NodeProfile("web-2", address, tags, Map.of("paasmaker.runtime.shell", List.of("1")),
                new PortRange(42600, 42699)), URI.create(url), token, http);
    }
}
