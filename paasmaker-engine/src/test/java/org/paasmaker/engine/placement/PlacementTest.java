package org.paasmaker.engine.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.api.placement.PlacementCandidate;
import org.paasmaker.api.placement.PlacementRequest;
import org.paasmaker.api.plugin.PluginParameters;

/** {@code paasmaker.placement.default} over nodes with different tags and runtime versions. */
class PlacementTest {

    private static final String PYTHON = "paasmaker.runtime.python";
    private static final String SHELL = "paasmaker.runtime.shell";

    private final DefaultPlacementProvider placement = new DefaultPlacementProvider();

    private static PlacementCandidate node(String name, Map<String, Object> tags, Map<String, List<String>> runtimes,
            NodeState state, int ofVersion, int ofType) {
        return new PlacementCandidate(new NodeProfile(name, "127.0.0.1", tags, runtimes, PortRange.DEFAULT), state,
                ofVersion, ofType);
    }

    private static PlacementCandidate node(String name, String rack, List<String> pythons, int ofVersion, int ofType) {
        return node(name, Map.of("rack", rack), Map.of(SHELL, List.of("1"), PYTHON, pythons), NodeState.ACTIVE,
                ofVersion, ofType);
    }

    private String choose(String runtime, String version, Map<String, Object> tags, PlacementCandidate... nodes) {
        return placement.choose(new PlacementRequest("a web instance of version 3",
                new RuntimeSpec(runtime, version, PluginParameters.empty()),
                PluginParameters.of(tags.isEmpty() ? Map.of() : Map.of("tags", tags)), List.of(nodes)));
    }

    @Test
    void theNodeWithFewestInstancesOfTheTypeWinsThenFewestOfTheVersionThenTheName() {
        assertThat(choose(SHELL, "1", Map.of(), node("a", "x", List.of(), 1, 1), node("b", "x", List.of(), 3, 0)))
                .isEqualTo("b");
        assertThat(choose(SHELL, "1", Map.of(), node("a", "x", List.of(), 2, 1), node("b", "x", List.of(), 1, 1)))
                .isEqualTo("b");
        assertThat(choose(SHELL, "1", Map.of(), node("b", "x", List.of(), 0, 0), node("a", "x", List.of(), 0, 0)))
                .isEqualTo("a");
    }

    @Test
    void twoInstancesOfATypeShareANodeOnlyWhenNoOtherFits() {
        // c has no python 3.11: a and b each have one already, so the second goes beside one of them.
        PlacementCandidate a = node("a", "x", List.of("3.11.2"), 1, 1);
        PlacementCandidate b = node("b", "x", List.of("3.11.9", "3.12.1"), 1, 1);
        PlacementCandidate c = node("c", "x", List.of("3.12.1"), 0, 0);

        assertThat(choose(PYTHON, "3.11", Map.of(), a, b, c)).isEqualTo("a");
        assertThat(choose(PYTHON, "3.12", Map.of(), a, b, c)).isEqualTo("c");
    }

    @Test
    void theManifestsTagsKeepTheInstanceToTheNodesCarryingThemAll() {
        PlacementCandidate a = node("a", Map.of("rack", "x", "ssd", true), Map.of(SHELL, List.of("1")), NodeState.ACTIVE, 3, 3);
        PlacementCandidate b = node("b", Map.of("rack", "x"), Map.of(SHELL, List.of("1")), NodeState.ACTIVE, 0, 0);
        PlacementCandidate c = node("c", Map.of("rack", "y", "ssd", true), Map.of(SHELL, List.of("1")), NodeState.ACTIVE, 0, 0);

        assertThat(choose(SHELL, "1", Map.of("rack", "x", "ssd", true), a, b, c)).isEqualTo("a");
        assertThat(choose(SHELL, "1", Map.of("rack", "x"), a, b, c)).isEqualTo("b");
        assertThat(choose(SHELL, "1", Map.of("ssd", "true"), a, b, c)).isEqualTo("c");
    }

    @Test
    void inactiveAndDownNodesTakeNoNewInstance() {
        PlacementCandidate draining = node("a", Map.of(), Map.of(SHELL, List.of("1")), NodeState.INACTIVE, 0, 0);
        PlacementCandidate down = node("b", Map.of(), Map.of(SHELL, List.of("1")), NodeState.DOWN, 0, 0);
        PlacementCandidate busy = node("c", Map.of(), Map.of(SHELL, List.of("1")), NodeState.ACTIVE, 9, 9);

        assertThat(choose(SHELL, "1", Map.of(), draining, down, busy)).isEqualTo("c");
        assertThatThrownBy(() -> choose(SHELL, "1", Map.of(), draining, down))
                .hasMessage("cannot place a web instance of version 3: no node is active (a: INACTIVE; b: DOWN)");
    }

    @Test
    void aVersionNoNodeCanRunFailsNamingWhatIsMissing() {
        PlacementCandidate a = node("a", "x", List.of("3.11.2"), 0, 0);
        PlacementCandidate b = node("b", "y", List.of("3.12.1"), 0, 0);

        assertThatThrownBy(() -> choose("paasmaker.runtime.ruby", "3", Map.of(), a, b))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                .hasMessageContaining("no active node offers the runtime paasmaker.runtime.ruby")
                .hasMessageContaining("a: paasmaker.runtime.");
        assertThatThrownBy(() -> choose(PYTHON, "3.10", Map.of(), a, b))
                .hasMessage("cannot place a web instance of version 3: no active node has version '3.10' of the runtime "
                        + PYTHON + " (they have: a: 3.11.2; b: 3.12.1)");
        assertThatThrownBy(() -> choose(PYTHON, "3.11", Map.of("rack", "y"), a, b))
                .hasMessage("cannot place a web instance of version 3: no active node with version '3.11' of " + PYTHON
                        + " has the placement tags {rack=y} (their tags: a: {rack=x})");
        assertThatThrownBy(() -> choose(SHELL, "1", Map.of()))
                .hasMessageContaining("no node is known");
    }

    @Test
    void placementTagsThatAreNotAMapAreRefusedNamingThem() {
        assertThatThrownBy(() -> placement.choose(new PlacementRequest("a web instance of version 3",
                new RuntimeSpec(SHELL, "1", PluginParameters.empty()), PluginParameters.of(Map.of("tags", "rack-x")),
                List.of(node("a", "x", List.of(), 0, 0)))))
                .isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MANIFEST))
                .hasMessageContaining("'tags'").hasMessageContaining("rack-x");
    }
}
