package org.paasmaker.engine.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.NodeState;
import org.paasmaker.api.placement.PlacementCandidate;
import org.paasmaker.api.placement.PlacementRequest;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * What placing 200 instances of one type over 10 nodes costs the default placement plugin: each
 * choice sees every node with its counts so far (as the controller hands them), half of the nodes
 * carry the manifest's placement tag when {@code tagged}, and one node in five lacks the runtime's
 * version. The result is the time for all 200 choices.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlacementBenchmark {

    private static final int NODES = 10;
    private static final int INSTANCES = 200;

    @Param({"false", "true"})
    public boolean tagged;

    private final DefaultPlacementProvider placement = new DefaultPlacementProvider();
    private List<NodeProfile> nodes;
    private RuntimeSpec runtime;
    private PluginParameters parameters;

    @Setup
    public void nodes() {
        nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(new NodeProfile("node-" + i, "10.0.0." + (i + 1), Map.of("rack", i % 2 == 0 ? "a" : "b"),
                    Map.of("paasmaker.runtime.shell", List.of("1"),
                            "paasmaker.runtime.java", i % 5 == 4 ? List.of("11") : List.of("11", "17")),
                    new PortRange(42600, 42699)));
        }
        runtime = new RuntimeSpec("paasmaker.runtime.java", "17", PluginParameters.of(Map.of()));
        parameters = tagged ? PluginParameters.of(Map.of("tags", Map.of("rack", "a"))) : PluginParameters.of(Map.of());
    }

    @Benchmark
    public int[] place200() {
        int[] counts = new int[NODES];
        for (int n = 0; n < INSTANCES; n++) {
            List<PlacementCandidate> candidates = new ArrayList<>(NODES);
            for (int i = 0; i < NODES; i++) {
                candidates.add(new PlacementCandidate(nodes.get(i), NodeState.ACTIVE, counts[i], counts[i]));
            }
            String chosen = placement.choose(new PlacementRequest("web instance " + n, runtime, parameters, candidates));
            counts[Integer.parseInt(chosen.substring("node-".length()))]++;
        }
        return counts;
    }
}
