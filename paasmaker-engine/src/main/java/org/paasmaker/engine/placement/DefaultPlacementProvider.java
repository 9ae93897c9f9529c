package org.paasmaker.engine.placement;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.api.placement.PlacementCandidate;
import org.paasmaker.api.placement.PlacementProvider;
import org.paasmaker.api.placement.PlacementRequest;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.engine.runtime.RuntimeVersions;

/**
 * {@code paasmaker.placement.default}, as the original's: of the active nodes that offer the runtime
 * in the version asked for and carry every one of the manifest's placement {@code tags}, the one with
 * the fewest instances of the type (two instances of a type share a node only when no other fits),
 * then of the version; ties go by name, so the choice is the same every time.
 */
public final class DefaultPlacementProvider implements PlacementProvider {

    private static final Comparator<PlacementCandidate> SPREAD = Comparator
            .comparingInt(PlacementCandidate::ofType)
            .thenComparingInt(PlacementCandidate::ofVersion)
            .thenComparing(candidate -> candidate.node().name());

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.PLACEMENT_DEFAULT;
    }

    @Override
    public String choose(PlacementRequest request) {
        RuntimeSpec runtime = request.runtime();
        Map<String, Object> tags = tags(request);
        List<PlacementCandidate> active = request.nodes().stream()
                .filter(candidate -> candidate.state() == NodeState.ACTIVE).toList();
        List<PlacementCandidate> withRuntime = active.stream()
                .filter(candidate -> candidate.node().runtimes().containsKey(runtime.plugin())).toList();
        List<PlacementCandidate> withVersion = withRuntime.stream()
                .filter(candidate -> RuntimeVersions.match(candidate.node().runtimes().get(runtime.plugin()),
                        runtime.version()).isPresent()).toList();
        List<PlacementCandidate> fitting = withVersion.stream()
                .filter(candidate -> hasTags(candidate.node(), tags)).toList();
        return fitting.stream().min(SPREAD).map(candidate -> candidate.node().name()).orElseThrow(() -> {
            String missing;
            if (active.isEmpty()) {
                missing = "no node is active (" + describe(request.nodes(), c -> c.state().toString()) + ")";
            } else if (withRuntime.isEmpty()) {
                missing = "no active node offers the runtime " + runtime.plugin() + " (they offer: "
                        + describe(active, c -> String.join(", ", c.node().runtimes().keySet())) + ")";
            } else if (withVersion.isEmpty()) {
                missing = "no active node has version '" + runtime.version() + "' of the runtime " + runtime.plugin()
                        + " (they have: " + describe(withRuntime, c -> String.join(", ",
                                c.node().runtimes().get(runtime.plugin()))) + ")";
            } else {
                missing = "no active node with version '" + runtime.version() + "' of " + runtime.plugin()
                        + " has the placement tags " + tags + " (their tags: "
                        + describe(withVersion, c -> c.node().tags().toString()) + ")";
            }
            return new PaasmakerException(ErrorCode.START_FAILED, "cannot place " + request.instance() + ": " + missing);
        });
    }

    /** The manifest's placement tags: a map a node's tags must contain. */
    private static Map<String, Object> tags(PlacementRequest request) {
        Object tags = request.parameters().find("tags").orElse(Map.of());
        if (!(tags instanceof Map<?, ?> map)) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the placement parameter 'tags' of "
                    + request.instance() + " must be a map of tag names to values, not " + tags);
        }
        return map.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue));
    }

    private static boolean hasTags(NodeProfile node, Map<String, Object> tags) {
        return tags.entrySet().stream().allMatch(tag -> node.tags().containsKey(tag.getKey())
                && Objects.equals(String.valueOf(node.tags().get(tag.getKey())), String.valueOf(tag.getValue())));
    }

    private static String describe(List<PlacementCandidate> nodes, java.util.function.Function<PlacementCandidate, String> what) {
        if (nodes.isEmpty()) {
            return "no node is known";
        }
        return nodes.stream().map(c -> c.node().name() + ": " + what.apply(c)).collect(Collectors.joining("; "));
    }
}
