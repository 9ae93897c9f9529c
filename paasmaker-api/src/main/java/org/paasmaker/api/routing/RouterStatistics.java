package org.paasmaker.api.routing;

import java.util.List;

/**
 * The router's traffic since it started, per application, per version and per instance, plus the
 * requests that reached no instance (no Host, unknown hostname, no live target). {@code generation}
 * is that of the routing table being served.
 */
public record RouterStatistics(long generation, List<ApplicationTraffic> applications, List<VersionTraffic> versions,
        List<InstanceTraffic> instances, TrafficStats unrouted) {

    public RouterStatistics {
        applications = List.copyOf(applications);
        versions = List.copyOf(versions);
        instances = List.copyOf(instances);
    }

    public record ApplicationTraffic(String application, TrafficStats traffic) {
    }

    public record VersionTraffic(String application, int version, TrafficStats traffic) {
    }

    public record InstanceTraffic(String application, int version, String instanceId, TrafficStats traffic) {
    }
}
