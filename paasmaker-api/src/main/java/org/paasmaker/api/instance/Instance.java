package org.paasmaker.api.instance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.paasmaker.api.version.VersionId;

/**
 * One running copy of one instance type of a version, on one node.
 *
 * @param instanceType the manifest's name for the instance type ({@code web})
 * @param node the node it was placed on
 * @param port its TCP port; empty for standalone instances and before it is registered
 * @param reason why it is in its state, when that needs saying (an error, a replacement)
 * @param startedAt when it last became RUNNING
 */
public record Instance(
        InstanceId id, VersionId versionId, String instanceType, String node, InstanceState state, OptionalInt port,
        String reason, Instant createdAt, Optional<Instant> startedAt) {

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A new instance, placed on a node and not yet registered. */
    public static Instance allocated(VersionId version, String instanceType, String node, Instant now) {
        return new Instance(InstanceId.random(), version, instanceType, node, InstanceState.ALLOCATED, OptionalInt.empty(),
                "", now, Optional.empty());
    }

    public Instance withState(InstanceState newState, String why) {
        return new Instance(id, versionId, instanceType, node, newState, port, why, createdAt, startedAt);
    }

    public Instance withPort(int newPort) {
        return new Instance(id, versionId, instanceType, node, state, OptionalInt.of(newPort), reason, createdAt, startedAt);
    }

    public Instance running(Instant now) {
        return new Instance(id, versionId, instanceType, node, InstanceState.RUNNING, port, "", createdAt, Optional.of(now));
    }
}
