package org.paasmaker.router;

import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import java.util.ArrayList;
import java.util.List;
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

/**
 * What one request's route lookup costs in a table of 100,000 hostnames: an exact name with a port
 * and mixed case, a name served by a wildcard three labels up, and an unknown name (every suffix
 * tried, then the catch-all). In the router's package because the lookup is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteLookupBenchmark {

    private static final int HOSTNAMES = 100_000;

    @Param({"1234.Web.App234.dev.localhost:8080", "x.y.1234.wild.app234.dev.localhost", "nobody.example.org"})
    public String host;

    private RouteSnapshot snapshot;

    @Setup
    public void buildTable() {
        List<Route> routes = new ArrayList<>();
        RouteTarget target = new RouteTarget("127.0.0.1", 40000, "app", 1, "i-1");
        for (int i = 0; i < HOSTNAMES - 1000; i++) {
            routes.add(Route.of(i + ".web.app" + (i % 1000) + ".dev.localhost", List.of(target)));
        }
        for (int i = 0; i < 1000; i++) {
            routes.add(Route.of("*." + i + ".wild.app" + i + ".dev.localhost", List.of(target)));
        }
        routes.set(0, Route.of("*", List.of(target)));
        routes.add(Route.of("*.1234.wild.app234.dev.localhost", List.of(target)));
        snapshot = new RouteSnapshot(RoutingTable.of(1, routes),
                routeTarget -> new Backend(routeTarget, new TrafficRecorder()), Balancing.ROUND_ROBIN,
                ServedCertificates.NONE);
        if (snapshot.find(host) == null) {
            throw new IllegalStateException("the benchmark's table should serve " + host);
        }
    }

    @Benchmark
    public Object lookup() {
        return snapshot.find(host);
    }
}
