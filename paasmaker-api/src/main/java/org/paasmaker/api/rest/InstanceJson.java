package org.paasmaker.api.rest;

import java.time.Instant;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;

/** An instance on the wire; {@code port} is absent for standalone instances and before registration. */
public record InstanceJson(String id, long versionId, String instanceType, String node, InstanceState state, Integer port,
        String reason, Instant createdAt, Instant startedAt, int restarts) {

    public static InstanceJson of(Instance instance) {
        return new InstanceJson(instance.id().value(), instance.versionId().value(), instance.instanceType(),
                instance.node(), instance.state(),
                instance.port().isPresent() ? instance.port().getAsInt() : null,
                instance.reason(), instance.createdAt(), instance.startedAt().orElse(null),
                instance.restarts());
    }
}
